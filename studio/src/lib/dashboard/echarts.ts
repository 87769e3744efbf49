import { BarChart, LineChart, PieChart } from "echarts/charts";
import { DataZoomSliderComponent, GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import { init, use } from "echarts/core";
import { SVGRenderer } from "echarts/renderers";

// Only what the dashboards draw, so that the bundle carries no more of ECharts. SVG: crisp text in every script.
use([
  BarChart,
  LineChart,
  PieChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  DataZoomSliderComponent,
  SVGRenderer,
]);

export { init };
