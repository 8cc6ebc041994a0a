/// <reference types="@remix-run/dev" />
/// <reference types="@remix-run/node" />

// remix.config.js turns single fetch on: loader and action data reach the page as
// returned (turbo-stream), so their types are inferred as such rather than as JSON.
declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export {};
