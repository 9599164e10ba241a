package demo;

import io.hfhub.FileRequest;
import io.hfhub.HfHub;
import io.hfhub.MissingDependencyException;
import io.hfhub.RepoType;
import java.nio.file.Files;
import java.nio.file.Path;

public class Main {
    public static void main(String[] args) throws Exception {
        try (HfHub hub = HfHub.builder().build()) {
            Path config = hub.download("hfhub-demo/tiny-model", "config.json");
            System.out.println("config.json: " + Files.size(config) + " bytes at " + config);
            try {
                hub.download(FileRequest.builder("hfhub-demo/tiny-archives", "images.tar.gz")
                        .repoType(RepoType.DATASET).extract(true).build());
                System.out.println("extracted (unexpected without commons-compress)");
            } catch (MissingDependencyException e) {
                System.out.println("extract: " + e.artifact() + " -- " + e.getMessage());
            }
        }
    }
}
