package io.tocsin.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tocsin.watch.WatchStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** One JSON file per watch under {@code <data-dir>/watches/}, replaced atomically on each save. */
public final class FileWatchStore implements WatchStore {

    private final Path dir;
    private final ObjectMapper json;

    public FileWatchStore(Path dataDir, ObjectMapper json) {
        this.dir = dataDir.resolve("watches");
        this.json = json;
    }

    @Override
    public List<Saved> load() {
        List<Saved> saved = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return saved;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
            for (Path file : files) {
                try {
                    saved.add(json.readValue(file.toFile(), Saved.class));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + file + " (fix or remove it; it holds a"
                            + " deployment watch)", e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        saved.sort(Comparator.comparingLong(Saved::startedAt));
        return saved;
    }

    @Override
    public void save(Saved watch) {
        try {
            AtomicFile.write(dir.resolve(watch.deployment() + ".json"), json.writeValueAsBytes(watch));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize the watch of " + watch.deployment(), e);
        }
    }
}
