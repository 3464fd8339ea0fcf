/**
 * The positions after moving one directory up or down: the whole list renumbered 0, 10, 20… in
 * its new order (equal or gapless positions would make a swap of two numbers do nothing), and
 * only the directories whose position changes are returned, so only they are written.
 */
export function moved<T extends { id: string; position: number }>(
  list: T[],
  id: string,
  by: -1 | 1,
): { order: T[]; changes: Array<{ id: string; position: number }> } {
  const from = list.findIndex((d) => d.id === id);
  const to = from + by;
  if (from < 0 || to < 0 || to >= list.length) return { order: list, changes: [] };
  const order = [...list];
  [order[from], order[to]] = [order[to], order[from]];
  const renumbered = order.map((d, i) => ({ ...d, position: i * 10 }));
  const changes = renumbered
    .filter((d, i) => d.position !== order[i].position)
    .map((d) => ({ id: d.id, position: d.position }));
  return { order: renumbered, changes };
}
