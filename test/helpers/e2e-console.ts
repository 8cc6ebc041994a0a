import { afterEach, expect } from "vitest";
import { openedPages } from "./browser";

// A browser test fails on any console error or uncaught exception in a page
// it opened, except those the test named as expected (e.g. a 401 the browser
// logs for a refused sign-in).
afterEach(() => {
  const unexpected = openedPages.flatMap(({ problems, allow }) => problems.errors.filter((e) => !allow.some((re) => re.test(e))));
  openedPages.length = 0;
  expect(unexpected, "console errors in the pages this test opened").toEqual([]);
});
