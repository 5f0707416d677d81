package dev.tiergate.eval.judged;

import dev.tiergate.testing.HeadlessChromium;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report of the scripted end-to-end run, rendered by headless Chromium from a file:// URL (nothing may be
 * fetched). The page and its screenshot are kept under target/eval-report/ for a look by eye.
 */
class EvalReportChromiumTest {
    @TempDir
    Path dir;

    @Test
    void theReportRendersWithItsCharts() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.require();
        try (EvalFixture fixture = new EvalFixture()) {
            fixture.script();
            fixture.runner(EvalFixture.settings()).run(EvalFixture.items(), dir);
        }
        Path kept = Path.of("target", "eval-report");
        Files.createDirectories(kept);
        Path page = Files.copy(dir.resolve(ReportWriter.HTML), kept.resolve(ReportWriter.HTML), StandardCopyOption.REPLACE_EXISTING);
        Path png = kept.resolve("report.png");

        chromium.screenshot(page.toUri().toString(), png, 1280, 2000);

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as("a PNG screenshot").isNotNull();
        assertThat(image.getWidth()).isEqualTo(1280);
        long inked = 0;
        long green = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                if (r < 200 || g < 200 || b < 200) {
                    inked++;
                }
                if (g > r + 60 && g > b + 20) {
                    green++; // the preserved bars and headline figures are green
                }
            }
        }
        long sampled = (long) (image.getWidth() / 2) * (image.getHeight() / 2);
        assertThat(inked).as("pixels with text or charts").isGreaterThan(sampled / 100);
        assertThat(green).as("pixels of the green bars").isGreaterThan(200);
    }
}
