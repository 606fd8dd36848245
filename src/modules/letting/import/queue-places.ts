/**
 * The places of an import's queue rows, worked out in memory when the queues held nobody before
 * (a first import): in each queue (department and list) the active rows in seniority order,
 * sign-up date then application id, numbered 1, 2, 3 … — the order `rerankWithin` counts in.
 *
 * The import's ids are made in file order and sort in that order (src/platform/ids.ts), so the
 * application's ordinal in the file stands in for its id. One number per row, the date and the
 * ordinal packed together, sorts each queue without a comparator and without an object per row.
 */

/** Ordinals below 2^25 (33 million applications) leave the packed key exact in a double. */
const ordinalSpan = 2 ** 25;

export class QueuePlaces {
  /**
   * Queue numbers by list, then department: the ids are the master data's own strings, whose hashes
   * are kept, where a joined key was a new string to hash for every row.
   */
  private readonly queueIndex = new Map<string, Map<string, number>>();
  private queues = 0;
  /** Per row, in the order added: its queue and its sort key. */
  private readonly rowQueue: number[] = [];
  private readonly rowKey: number[] = [];
  /** Per application: its first row (its rows follow one another) and whether it is active. */
  private readonly firstRow: number[] = [];
  private readonly active: boolean[] = [];

  /** False once more applications came than the packed keys can tell apart. */
  complete = true;

  /** Adds the next application's rows, one per department; `seniority` is an ISO date. */
  add(seniority: string, isActive: boolean, listId: string, departmentIds: readonly string[]): void {
    const ordinal = this.firstRow.length;
    if (!this.complete) return;
    if (ordinal >= ordinalSpan) {
      this.complete = false;
      return;
    }
    const date =
      Number(seniority.slice(0, 4)) * 10_000 +
      Number(seniority.slice(5, 7)) * 100 +
      Number(seniority.slice(8, 10));
    this.firstRow.push(this.rowQueue.length);
    this.active.push(isActive);
    let byDepartment = this.queueIndex.get(listId);
    if (!byDepartment) {
      byDepartment = new Map();
      this.queueIndex.set(listId, byDepartment);
    }
    for (const departmentId of departmentIds) {
      let queue = byDepartment.get(departmentId);
      if (queue === undefined) {
        queue = this.queues++;
        byDepartment.set(departmentId, queue);
      }
      this.rowQueue.push(queue);
      this.rowKey.push(date * ordinalSpan + ordinal);
    }
  }

  /** Each row's place (0 for an inactive application's rows), in the order the rows were added. */
  places(): Int32Array {
    const rows = this.rowQueue.length;
    const queues = this.queues;
    // Rows grouped by queue (a counting sort), then each queue's keys sorted as numbers.
    const start = new Int32Array(queues + 1);
    for (const q of this.rowQueue) start[q + 1]!++;
    for (let q = 0; q < queues; q++) start[q + 1]! += start[q]!;
    const fill = start.slice(0, queues);
    const keys = new Float64Array(rows);
    for (let r = 0; r < rows; r++) keys[fill[this.rowQueue[r]!]!++] = this.rowKey[r]!;
    const places = new Int32Array(rows);
    for (let q = 0; q < queues; q++) {
      const queueKeys = keys.subarray(start[q]!, start[q + 1]!).sort();
      let place = 0;
      for (const key of queueKeys) {
        const ordinal = key % ordinalSpan;
        if (!this.active[ordinal]) continue;
        // The application's row in this queue: among its few rows, the one in queue q.
        let r = this.firstRow[ordinal]!;
        while (this.rowQueue[r] !== q) r++;
        places[r] = ++place;
      }
    }
    return places;
  }
}
