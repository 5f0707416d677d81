package dev.tiergate.provider.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class InterruptWindowTest {

    @Test
    void anInterruptWhileOpenUnblocksASocketReadAndIsClearedOnClose() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Object> seen = new CopyOnWriteArrayList<>();
            InterruptWindow[] window = new InterruptWindow[1];
            Thread reader = Thread.ofVirtual().unstarted(() -> {
                try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), silent.getLocalPort())) {
                    try (InterruptWindow open = InterruptWindow.open()) {
                        window[0] = open;
                        InputStream in = socket.getInputStream();
                        in.read();
                    } catch (IOException e) {
                        seen.add(e.getClass());
                    }
                    seen.add(Thread.currentThread().isInterrupted());
                } catch (IOException unexpected) {
                    seen.add(unexpected);
                }
            });
            reader.start();
            while (window[0] == null) {
                Thread.sleep(5);
            }
            Thread.sleep(50);
            window[0].interrupt();
            reader.join(5000);

            assertThat(seen).hasSize(2);
            assertThat((Class<?>) seen.get(0)).isAssignableTo(SocketException.class);
            assertThat(seen.get(1)).isEqualTo(false);
        }
    }

    @Test
    void anInterruptAfterCloseDoesNothing() throws Exception {
        List<Boolean> interrupted = new CopyOnWriteArrayList<>();
        Thread owner = Thread.ofVirtual().start(() -> {
            InterruptWindow window = InterruptWindow.open();
            window.close();
            window.interrupt();
            interrupted.add(Thread.currentThread().isInterrupted());
            interrupted.add(window.interrupted());
        });
        owner.join(5000);

        assertThat(interrupted).containsExactly(false, false);
    }

    @Test
    void onlyVirtualThreadsCanOpenOne() {
        assertThatThrownBy(InterruptWindow::open).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("virtual thread");
    }
}
