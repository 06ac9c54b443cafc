import { graphql, type StatusByMonthChart_MonthFragment } from "@engagement-tracker/schema";
import type { Formatter } from "../../lib/format";
import { STATUS_LABELS, STATUSES } from "../../lib/labels";
import styles from "./StatusByMonthChart.module.css";

export const StatusByMonthChartFragment = graphql(`
  fragment StatusByMonthChart_month on MonthlyStatusCounts {
    month
    statusCounts {
      status
      count
    }
  }
`);

export const CHART_MONTHS = 6;

const WIDTH = 360;
const HEIGHT = 200;
const PLOT_TOP = 18;
const PLOT_BOTTOM = 176;
const PLOT_LEFT = 28;

/**
 * Stacked bars: for each coming month, the engagements whose window overlaps it, by status.
 * Drawn on the server as SVG; the same figures follow as a table for screen readers.
 */
export function StatusByMonthChart({
  months,
  format,
}: {
  months: readonly StatusByMonthChart_MonthFragment[];
  format: Formatter;
}) {
  const countOf = (month: StatusByMonthChart_MonthFragment, status: string) =>
    month.statusCounts.find((entry) => entry.status === status)?.count ?? 0;
  const totals = months.map((month) => month.statusCounts.reduce((sum, entry) => sum + entry.count, 0));
  const shown = STATUSES.filter((status) => months.some((month) => countOf(month, status) > 0));
  const scaleMax = Math.max(4, ...totals);
  const ticks = niceTicks(scaleMax);
  const top = ticks[ticks.length - 1]!;
  const y = (value: number) => PLOT_BOTTOM - (value / top) * (PLOT_BOTTOM - PLOT_TOP);
  const slot = (WIDTH - PLOT_LEFT) / months.length;
  const barWidth = Math.min(36, slot * 0.55);

  return (
    <figure className={styles.figure}>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className={styles.chart} aria-hidden="true">
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={PLOT_LEFT} x2={WIDTH} y1={y(tick)} y2={y(tick)} className={styles.grid} />
            <text x={PLOT_LEFT - 6} y={y(tick) + 4} className={styles.axisLabel} textAnchor="end">
              {tick}
            </text>
          </g>
        ))}
        {months.map((month, index) => {
          const x = PLOT_LEFT + slot * index + (slot - barWidth) / 2;
          let stacked = 0;
          return (
            <g key={month.month}>
              {STATUSES.map((status) => {
                const count = countOf(month, status);
                if (!count) return null;
                const rectangle = (
                  <rect
                    key={status}
                    x={x}
                    width={barWidth}
                    y={y(stacked + count)}
                    height={y(stacked) - y(stacked + count)}
                    data-status={status}
                    className={styles.segment}
                  />
                );
                stacked += count;
                return rectangle;
              })}
              {totals[index] ? (
                <text x={x + barWidth / 2} y={y(totals[index]) - 5} className={styles.total} textAnchor="middle">
                  {totals[index]}
                </text>
              ) : null}
              <text x={x + barWidth / 2} y={HEIGHT - 6} className={styles.axisLabel} textAnchor="middle">
                {format.month(month.month)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul className={styles.legend} aria-hidden="true">
          {shown.map((status) => (
            <li key={status} data-status={status}>
              {STATUS_LABELS[status]}
            </li>
          ))}
        </ul>
        <details className={styles.data}>
          <summary>Show the figures</summary>
          <table className={styles.table}>
            <caption className="visually-hidden">Engagements by status in each of the coming months</caption>
            <thead>
              <tr>
                <th scope="col">Month</th>
                {shown.map((status) => (
                  <th key={status} scope="col">
                    {STATUS_LABELS[status]}
                  </th>
                ))}
                <th scope="col">All</th>
              </tr>
            </thead>
            <tbody>
              {months.map((month, index) => (
                <tr key={month.month}>
                  <th scope="row">{format.month(month.month)}</th>
                  {shown.map((status) => (
                    <td key={status}>{countOf(month, status)}</td>
                  ))}
                  <td>{totals[index]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </figcaption>
    </figure>
  );
}

/** Gridline values from 0 to a round number at or above `max`. */
function niceTicks(max: number): number[] {
  const step = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000].find((candidate) => max / candidate <= 5) ?? 2000;
  return Array.from({ length: Math.ceil(max / step) + 1 }, (_, index) => index * step);
}
