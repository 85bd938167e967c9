/// The report's one inline style sheet: system fonts, readable on screen, A4 in print (chart and
/// its numbers side by side where the width allows), legible in greyscale.
enum ReportStyle {
    static let css = """
    :root { color-scheme: light; }
    * { box-sizing: border-box; }
    body { margin: 0 auto; max-width: 1100px; padding: 24px; color: #1a1a1a; background: #ffffff;
      font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
      font-size: 15px; line-height: 1.45; }
    header { border-bottom: 2px solid #1a1a1a; margin-bottom: 20px; padding-bottom: 8px; }
    h1 { font-size: 26px; margin: 0 0 4px; }
    h2 { font-size: 20px; margin: 28px 0 6px; border-bottom: 1px solid #bbbbbb; padding-bottom: 3px; }
    h1, h2 { break-after: avoid; page-break-after: avoid; }
    .subtitle { margin: 0; font-size: 16px; }
    .made { margin: 2px 0 0; color: #555555; font-size: 13px; }
    .intro { margin: 0 0 12px; color: #333333; }
    .note { margin: 8px 0 16px; padding: 6px 10px; border-left: 4px solid #888888; background: #f4f4f4; }
    figure.chart { margin: 12px 0 24px; padding: 10px 12px; border: 1px solid #d0d0d0; border-radius: 4px;
      break-inside: avoid; page-break-inside: avoid; }
    figcaption { font-weight: 600; font-size: 16px; margin-bottom: 6px; }
    .chart-body { display: flex; flex-wrap: wrap; gap: 12px 20px; align-items: flex-start; }
    .plot { flex: 3 1 420px; min-width: 0; }
    .numbers-wrap { flex: 1 1 250px; min-width: 0; max-height: 420px; overflow: auto; }
    .plot > svg { display: block; width: 100%; height: auto; }
    svg.swatch { flex: none; width: 30px; height: 14px; }
    svg text { font-family: inherit; font-size: 11px; fill: #333333; }
    svg .axis { fill: none; stroke: #1a1a1a; stroke-width: 1.2; }
    svg .grid line { stroke: #e3e3e3; stroke-width: 1; }
    svg .axis-name { font-size: 12px; font-weight: 600; fill: #1a1a1a; }
    svg .guide line { stroke: #555555; stroke-width: 1.2; }
    svg .guide text { font-size: 10.5px; fill: #1a1a1a; paint-order: stroke; stroke: #ffffff; stroke-width: 3px; }
    svg .gap-mark { stroke: #777777; stroke-width: 2; }
    svg .value { font-size: 10px; fill: #1a1a1a; }
    svg .missing { font-size: 13px; font-weight: 700; fill: #555555; }
    svg .scatter-label { font-size: 10px; paint-order: stroke; stroke: #ffffff; stroke-width: 3px; }
    svg .marked-label { font-weight: 700; fill: #1a1a1a; }
    svg .empty { font-size: 14px; fill: #666666; paint-order: stroke; stroke: #ffffff; stroke-width: 4px; }
    ul.legend { list-style: none; margin: 6px 0 0; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 16px; font-size: 13px; }
    ul.legend li { display: flex; align-items: center; gap: 5px; }
    table { border-collapse: collapse; font-size: 13px; break-inside: avoid; page-break-inside: avoid; }
    caption { text-align: left; font-weight: 600; padding: 2px 0 4px; }
    th, td { border: 1px solid #cccccc; padding: 2px 6px; text-align: left; vertical-align: top; }
    thead th { background: #eeeeee; }
    table.numbers td { text-align: right; font-variant-numeric: tabular-nums; }
    table.numbers caption { font-weight: 400; font-size: 12px; color: #444444; }
    .reason { color: #444444; font-size: 12px; }
    table.numbers sup { line-height: 0; font-size: 10px; }
    ol.footnotes { font-size: 12px; margin: 4px 0 0; padding-left: 20px; color: #333333; }
    table.data { margin: 8px 0 20px; }
    @page { size: A4; margin: 15mm; }
    @media print {
      body { max-width: 180mm; padding: 0; font-size: 10.5pt; }
      figure.chart { border-color: #999999; }
      .numbers-wrap { max-height: none; overflow: visible; }
      .chart-body { gap: 8px 4mm; }
      .plot { flex: 2 1 100mm; }
      /* Beside the chart where the table fits at its narrowest, else below it: never cut off. */
      .numbers-wrap { flex: 1 1 48mm; min-width: min-content; }
      table { font-size: 9pt; }
      a { color: inherit; text-decoration: none; }
    }
    """
}
