import { useT } from "../i18n/use-t";
import { formatNumber, useLocale } from "../i18n/format";

type Counts = Record<"open" | "in_progress" | "done" | "blocked" | "dropped", number>;

/** The few numbers a head of delegation looks at first. */
export function LeaderTiles({
  total,
  counts,
  completionRate,
  overdue,
  carriedOpen,
}: {
  total: number;
  counts: Counts;
  completionRate: number | null;
  overdue: number;
  carriedOpen: number;
}) {
  const t = useT();
  const locale = useLocale();
  const n = (value: number) => formatNumber(locale, value);
  const rate = completionRate === null ? "—" : t("leader.percent", { value: n(Math.round(completionRate * 100)) });
  const tiles = [
    { key: "total", value: n(total), label: t("leader.tiles.total"), detail: t("leader.tiles.totalDetail", { open: n(counts.open + counts.in_progress), blocked: n(counts.blocked) }) },
    { key: "done", value: rate, label: t("leader.tiles.done"), detail: t("leader.tiles.doneDetail", { done: n(counts.done), dropped: n(counts.dropped) }) },
    { key: "overdue", value: n(overdue), label: t("leader.tiles.overdue"), detail: t("leader.tiles.overdueDetail"), alert: overdue > 0 },
    { key: "carried", value: n(carriedOpen), label: t("leader.tiles.carried"), detail: t("leader.tiles.carriedDetail"), alert: carriedOpen > 0 },
  ];
  return (
    <dl className="leader-tiles">
      {tiles.map((tile) => (
        <div key={tile.key} className={tile.alert ? "leader-tile alert" : "leader-tile"}>
          <dt>{tile.label}</dt>
          <dd>
            <span className="leader-tile-value">{tile.value}</span>
            <span className="leader-tile-detail">{tile.detail}</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}
