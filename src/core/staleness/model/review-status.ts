/** The review status of a doc. */
export interface ReviewStatus {
  /** True when `now` is past the due date. */
  due: boolean;
  /** When the next review is (was) due, `YYYY-MM-DD`; undefined without an interval or a start date. */
  dueDate?: string;
  /** The interval as written, when there is one. */
  interval?: string;
  /** Set when the written interval could not be read. */
  invalidInterval?: string;
  /** The review date as written (`YYYY-MM-DD`) when it is in the future and so was ignored. */
  futureDate?: string;
  /** The front matter field that held `futureDate` (`reviewed`, `last_reviewed`, …). */
  futureField?: string;
}
