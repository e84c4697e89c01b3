package dev.mentor.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Bar charts drawn off screen (headless) with JFreeChart and encoded as PNG: one or more panels
 * stacked top to bottom in one image. It keeps nothing between calls.
 */
public final class ChartRenderer {

    /** The mentor's blue (as on Discord's embeds), and an orange for what needs attention. */
    static final Color BLUE = new Color(0x2F80ED);
    static final Color ORANGE = new Color(0xF2994A);
    private static final Color GRID = new Color(0xDDDDDD);
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    /** One series of bars: a name for the legend and a value per category. */
    public record Series(String name, List<Integer> values) {
        public Series {
            values = List.copyOf(values);
        }

        public Series(String name, int[] values) {
            this(name, Arrays.stream(values).boxed().toList());
        }

        int value(int index) {
            return values.get(index);
        }
    }

    /**
     * One chart: bars per category, one colour per series (stacked when there are several), with
     * whole numbers on the value axis.
     */
    public record Panel(String title, String categoryLabel, String valueLabel, List<String> categories,
            List<Series> series) {
        public Panel {
            categories = List.copyOf(categories);
            series = List.copyOf(series);
            for (Series one : series) {
                if (one.values().size() != categories.size()) {
                    throw new IllegalArgumentException("Series " + one.name() + " has " + one.values().size()
                            + " values for " + categories.size() + " categories");
                }
            }
        }
    }

    public ChartRenderer() {
        // Drawing needs no screen; on a desktop this keeps the JVM from opening a window system connection.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** The panels one under the other, each {@code panelHeight} high, in a PNG {@code width} wide. */
    public byte[] png(List<Panel> panels, int width, int panelHeight) {
        if (panels.isEmpty() || width < 100 || panelHeight < 100) {
            throw new IllegalArgumentException("A chart needs a panel and at least 100 by 100 pixels");
        }
        BufferedImage image = new BufferedImage(width, panelHeight * panels.size(), BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        try {
            graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            graphics.setColor(Color.WHITE);
            graphics.fillRect(0, 0, image.getWidth(), image.getHeight());
            for (int i = 0; i < panels.size(); i++) {
                chart(panels.get(i)).draw(graphics, new Rectangle2D.Double(0, i * panelHeight, width, panelHeight));
            }
        } finally {
            graphics.dispose();
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream(32 * 1024);
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot encode a chart as PNG", e);
        }
        return png.toByteArray();
    }

    private static JFreeChart chart(Panel panel) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Series series : panel.series()) {
            for (int i = 0; i < panel.categories().size(); i++) {
                data.addValue(series.value(i), series.name(), panel.categories().get(i));
            }
        }
        boolean stacked = panel.series().size() > 1;
        BarRenderer bars = stacked ? new StackedBarRenderer() : new BarRenderer();
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setDrawBarOutline(false);
        bars.setItemMargin(0.05);
        bars.setMaximumBarWidth(0.06);
        List<Color> colours = List.of(BLUE, ORANGE);
        for (int i = 0; i < panel.series().size(); i++) {
            bars.setSeriesPaint(i, colours.get(i % colours.size()));
        }
        CategoryAxis categories = new CategoryAxis(panel.categoryLabel());
        categories.setLabelFont(LABEL);
        categories.setTickLabelFont(TICK);
        categories.setCategoryMargin(0.15);
        categories.setLowerMargin(0.01);
        categories.setUpperMargin(0.01);
        categories.setMaximumCategoryLabelWidthRatio(2f); // "23 Nov" whole, not "…"
        if (panel.categories().size() > 20) {
            categories.setCategoryLabelPositions(CategoryLabelPositions.UP_90);
        }
        NumberAxis values = new NumberAxis(panel.valueLabel());
        values.setLabelFont(LABEL);
        values.setTickLabelFont(TICK);
        values.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        // From zero, with room above the highest (stacked) bar; a few ticks even when every bar is low.
        int highest = 0;
        for (int i = 0; i < panel.categories().size(); i++) {
            int total = 0;
            for (Series series : panel.series()) {
                total += series.value(i);
            }
            highest = Math.max(highest, total);
        }
        values.setRange(0, Math.max(4, Math.ceil(highest * 1.08)));
        CategoryPlot plot = new CategoryPlot(data, categories, values, bars);
        plot.setOrientation(PlotOrientation.VERTICAL);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        plot.setRangeGridlinePaint(GRID);
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        plot.setInsets(new RectangleInsets(4, 8, 4, 16));
        JFreeChart chart = new JFreeChart(panel.title(), TITLE, plot, stacked);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setPadding(new RectangleInsets(6, 6, 6, 6));
        chart.getTitle().setPaint(new Color(0x222222));
        if (chart.getLegend() != null) {
            chart.getLegend().setItemFont(LABEL);
            chart.getLegend().setFrame(org.jfree.chart.block.BlockBorder.NONE);
        }
        return chart;
    }
}
