package dev.parley.bench.realtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The ladder's latencies against the offered rate, as a PNG (XChart): send to push p50 and p99, send to
 * ack p50 and p99, and the 50 ms goal. Logarithmic in latency, since a step that falls behind reaches
 * seconds while one that keeps up stays in tens of milliseconds.
 */
final class LatencyPlot {

    private static final int WIDTH = 1000;
    private static final int HEIGHT = 600;
    /** Where a zero would sit on the logarithmic axis, which cannot show it. */
    private static final double FLOOR_MILLIS = 0.1;

    private LatencyPlot() {
    }

    static void write(Path png, String title, List<StepResult> ladder) throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("offered rate (messages/s)").yAxisTitle("latency (ms, log scale)").build();
        chart.getStyler().setYAxisLogarithmic(true);
        // Outside the plot: latency climbs with the rate, so no corner inside stays clear of the lines.
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setXAxisDecimalPattern("#,###");
        double[] rates = ladder.stream().mapToDouble(StepResult::offeredPerSecond).toArray();
        series(chart, "send to push p50", rates, ladder, r -> r.totals().push().p50(), SeriesLines.SOLID);
        series(chart, "send to push p99", rates, ladder, r -> r.totals().push().p99(), SeriesLines.SOLID);
        series(chart, "send to ack p50", rates, ladder, r -> r.totals().ack().p50(), SeriesLines.DASH_DASH);
        series(chart, "send to ack p99", rates, ladder, r -> r.totals().ack().p99(), SeriesLines.DASH_DASH);
        XYSeries goal = chart.addSeries("goal: p99 under 50 ms", new double[] {rates[0], rates[rates.length - 1]},
                new double[] {StepResult.P99_GOAL_MILLIS, StepResult.P99_GOAL_MILLIS});
        goal.setMarker(SeriesMarkers.NONE);
        goal.setLineStyle(SeriesLines.DOT_DOT);
        goal.setLineColor(java.awt.Color.GRAY);
        Files.createDirectories(png.toAbsolutePath().getParent());
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static void series(XYChart chart, String name, double[] rates, List<StepResult> ladder,
                               ToDoubleFunction<StepResult> millis, java.awt.BasicStroke line) {
        double[] values = ladder.stream().mapToDouble(r -> Math.max(FLOOR_MILLIS, millis.applyAsDouble(r))).toArray();
        XYSeries series = chart.addSeries(name, rates, values);
        series.setLineStyle(line);
    }
}
