package dev.tiergate.eval.judged;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes {@code report.json}, {@code rows.jsonl} (every finished row in the set's order, with its figures) and the
 * self-contained {@code report.html}, each by write-then-rename so an interrupted write never leaves half a file.
 */
public final class ReportWriter {
    public static final String JSON = "report.json";
    public static final String ROWS = "rows.jsonl";
    public static final String HTML = "report.html";

    private ReportWriter() {}

    public static void write(Path dir, EvalResults results) throws IOException {
        AtomicFiles.write(dir.resolve(JSON), json(results.report()));
        StringBuilder rows = new StringBuilder();
        for (ScoredRow row : results.rows()) {
            ObjectNode line = RowCodec.tree(row.row());
            line.set("figures", RowCodec.MAPPER.valueToTree(row.figures()));
            rows.append(RowCodec.MAPPER.writeValueAsString(line)).append('\n');
        }
        AtomicFiles.write(dir.resolve(ROWS), rows.toString());
        AtomicFiles.write(dir.resolve(HTML), ReportHtml.render(results));
    }

    static String json(EvalReport report) throws JsonProcessingException {
        return RowCodec.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report) + "\n";
    }
}
