package dev.mentor.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ChartRendererTest {

    private final ChartRenderer charts = new ChartRenderer();

    private static ChartRenderer.Panel panel(int categories, int series) {
        List<String> labels = java.util.stream.IntStream.rangeClosed(1, categories).mapToObj(Integer::toString).toList();
        List<ChartRenderer.Series> all = java.util.stream.IntStream.range(0, series)
                .mapToObj(s -> new ChartRenderer.Series("series " + s,
                        java.util.stream.IntStream.range(0, categories).map(i -> (i * 7 + s) % 11).toArray()))
                .toList();
        return new ChartRenderer.Panel("A chart", "x", "y", labels, all);
    }

    @Test
    void panelsStackIntoOnePngOfTheAskedWidthAndTheirHeights() throws Exception {
        byte[] png = charts.png(List.of(panel(26, 1), panel(30, 2)), 800, 340);

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isEqualTo(800);
        assertThat(image.getHeight()).isEqualTo(680);
        assertThat(java.awt.GraphicsEnvironment.isHeadless()).isTrue();
    }

    @Test
    void aSeriesMustHaveAValuePerCategory() {
        assertThatThrownBy(() -> new ChartRenderer.Panel("t", "x", "y", List.of("a", "b"),
                List.of(new ChartRenderer.Series("s", new int[] {1}))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 values for 2 categories");
    }

    @Test
    void oneRenderStaysCheap() {
        long cold = System.nanoTime();
        charts.png(List.of(panel(26, 1), panel(30, 2)), 800, 340); // classes loaded, fonts read
        System.out.println("first render: " + (System.nanoTime() - cold) / 1_000_000 + " ms");
        int runs = 10;
        long start = System.nanoTime();
        int size = 0;
        for (int i = 0; i < runs; i++) {
            size = charts.png(List.of(panel(26, 1), panel(30, 2)), 800, 340).length;
        }
        long millis = (System.nanoTime() - start) / 1_000_000 / runs;
        System.out.println("two-panel 800x680 chart: " + millis + " ms a render, " + size + " bytes");
        start = System.nanoTime();
        int small = 0;
        for (int i = 0; i < runs; i++) {
            small = charts.png(List.of(panel(12, 1)), 640, 300).length;
        }
        System.out.println("one-panel 640x300 chart: " + (System.nanoTime() - start) / 1_000_000 / runs + " ms a render, "
                + small + " bytes");

        assertThat(size).isLessThan(200_000);
        assertThat(small).isLessThan(size);
        assertThat(millis).isLessThan(1_000);
    }
}
