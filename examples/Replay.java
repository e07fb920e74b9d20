import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Replays an example against a running Tocsin on the event clock: registers the deployment in
 * {@code deployment.json}, posts every line of {@code samples.ndjson.gz} (one batch each, in order), then prints
 * the watch's state and where its report is.
 *
 *   export TOCSIN_DATA_DIR=$(mktemp -d)
 *   TOCSIN_CLOCK=event ./tocsin &
 *   java examples/Replay.java examples/genesis-48h [http://127.0.0.1:8080]
 *
 * It sends {@code Authorization: Bearer} with {@code TOCSIN_API_TOKEN}, or else with the admin token the first
 * start wrote to {@code $TOCSIN_DATA_DIR/admin.token}.
 *
 * <p>The batches go over one HTTP/1.1 connection with up to {@value #IN_FLIGHT} of them sent ahead of their
 * answers (pipelining). The server still takes them one at a time, in the order sent, and answers each once it is
 * evaluated and on disk; sending ahead only spares the wait for each answer before the next batch leaves. If a
 * batch is refused, the replay stops there and says so, with the answers to the batches already sent behind it
 * (fewer than {@value #IN_FLIGHT}), which the server takes all the same.
 */
public class Replay {

    static final int IN_FLIGHT = 8;

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "examples/genesis-48h");
        URI base = URI.create((args.length > 1 ? args[1] : "http://127.0.0.1:8080").replaceAll("/+$", ""));
        String token = token();
        String deployment = Files.readString(dir.resolve("deployment.json"));
        String id = deployment.replaceAll("(?s).*?\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        long started = System.nanoTime();
        int batches = 0;
        try (Connection http = new Connection(base, token);
                BufferedReader in = new BufferedReader(new InputStreamReader(
                        new GZIPInputStream(Files.newInputStream(dir.resolve("samples.ndjson.gz"))),
                        StandardCharsets.UTF_8))) {
            http.send("POST", "/api/v1/deployments", deployment);
            Answer registered = http.answer();
            if (registered.status() >= 300) {
                throw new IllegalStateException("POST /api/v1/deployments answered " + registered.status() + ": "
                        + registered.body());
            }
            ArrayDeque<Integer> sent = new ArrayDeque<>(); // line numbers of the batches awaiting an answer
            int line = 0;
            for (String body = in.readLine(); body != null || !sent.isEmpty(); ) {
                while (body != null && sent.size() < IN_FLIGHT) {
                    line++;
                    if (!body.isBlank()) {
                        http.send("POST", "/api/v1/samples", body);
                        sent.add(line);
                    }
                    body = in.readLine();
                }
                if (sent.isEmpty()) {
                    break; // nothing but blank lines
                }
                int at = sent.remove();
                Answer answer = http.answer();
                if (answer.status() >= 300) {
                    // the server still takes the batches sent behind it: read their answers before saying so
                    StringBuilder behind = new StringBuilder();
                    for (int later : sent) {
                        behind.append(behind.length() == 0 ? "" : ", ").append("line ").append(later).append(": ")
                                .append(http.answer().status());
                    }
                    throw new IllegalStateException("the batch on line " + at + " of samples.ndjson.gz was answered "
                            + answer.status() + ": " + answer.body() + " (" + batches + " batches before it were"
                            + " applied" + (behind.length() == 0 ? "" : "; sent behind it: " + behind) + ")");
                }
                if (++batches % 480 == 0) {
                    System.out.printf("  %d batches (%d hours of samples)%n", batches, batches / 60);
                }
            }
            System.out.printf(Locale.ROOT, "replayed %d batches in %.1f s%n", batches,
                    (System.nanoTime() - started) / 1e9);
            http.send("GET", "/api/v1/deployments/" + id + "/watch", null);
            String watch = http.answer().body();
            System.out.println("watch: " + watch.replaceAll("(?s).*?\"state\"\\s*:\\s*\"([^\"]+)\".*", "$1"));
        }
        System.out.println("report: " + base + "/api/v1/deployments/" + id + "/report?format=html");
    }

    record Answer(int status, String body) {
    }

    /** Just enough HTTP/1.1 for this: requests with a body of JSON, answers with a length or in chunks. */
    static final class Connection implements AutoCloseable {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        private final String host;
        private final String prefix; // a base URL's path, e.g. behind a proxy
        private final String token;

        Connection(URI base, String token) throws IOException {
            boolean tls = "https".equalsIgnoreCase(base.getScheme());
            int port = base.getPort() > 0 ? base.getPort() : tls ? 443 : 80;
            if (tls) {
                SSLSocket ssl = (SSLSocket) SSLSocketFactory.getDefault().createSocket(base.getHost(), port);
                SSLParameters check = ssl.getSSLParameters();
                check.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name this host
                ssl.setSSLParameters(check);
                this.socket = ssl;
            } else {
                this.socket = new Socket(base.getHost(), port);
            }
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(60_000);
            this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
            this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            this.host = base.getHost() + ":" + port;
            this.prefix = base.getRawPath() == null ? "" : base.getRawPath();
            this.token = token;
        }

        void send(String method, String path, String json) throws IOException {
            byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
            out.write((method + " " + prefix + path + " HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer "
                    + token + (json == null ? "" : "\r\nContent-Type: application/json") + "\r\nContent-Length: "
                    + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
        }

        /** The next answer, in the order the requests were sent; sends what is buffered first. */
        Answer answer() throws IOException {
            out.flush();
            String[] status = line().split(" ", 3);
            while (status[1].startsWith("1")) { // 100 Continue and the like: the answer follows
                while (!line().isEmpty()) {
                    // its headers
                }
                status = line().split(" ", 3);
            }
            int length = 0;
            boolean chunked = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                String h = header.toLowerCase(Locale.ROOT);
                if (h.startsWith("content-length:")) {
                    length = Integer.parseInt(h.substring("content-length:".length()).trim());
                } else if (h.startsWith("transfer-encoding:") && h.contains("chunked")) {
                    chunked = true;
                }
            }
            byte[] body;
            if (chunked) {
                java.io.ByteArrayOutputStream chunks = new java.io.ByteArrayOutputStream();
                for (int n; (n = Integer.parseInt(line().split(";")[0].trim(), 16)) > 0; line()) {
                    chunks.write(in.readNBytes(n));
                }
                while (!line().isEmpty()) {
                    // trailers
                }
                body = chunks.toByteArray();
            } else {
                body = in.readNBytes(length);
            }
            return new Answer(Integer.parseInt(status[1]), new String(body, StandardCharsets.UTF_8));
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new EOFException("the server closed the connection");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /**
     * The API token: {@code TOCSIN_API_TOKEN}, else the admin token a first start wrote to
     * {@code $TOCSIN_DATA_DIR/admin.token} (default data directory {@code ./data}).
     */
    static String token() throws IOException {
        String token = System.getenv("TOCSIN_API_TOKEN");
        if (token != null && !token.isBlank()) {
            return token.strip();
        }
        String dataDir = System.getenv("TOCSIN_DATA_DIR");
        Path file = Path.of(dataDir == null || dataDir.isBlank() ? "data" : dataDir, "admin.token");
        if (!Files.exists(file)) {
            throw new IllegalStateException("no API token: set TOCSIN_API_TOKEN, or TOCSIN_DATA_DIR to the data"
                    + " directory of the running Tocsin (its admin.token is read); " + file + " does not exist");
        }
        return Files.readString(file).strip();
    }
}
