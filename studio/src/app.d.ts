// See https://svelte.dev/docs/kit/types#app.d.ts
import type { VisibleDefinition } from "$lib/types";

declare global {
  namespace App {
    interface Locals {
      /** The API token of the signed-in user's session, if any. */
      token: string | null;
      /** The locale the page is shown in. */
      locale: string;
      /** The published definition as the user sees it, read once per request. */
      definition?: Promise<VisibleDefinition>;
    }
    interface PageData {
      locale: string;
    }
    interface Error {
      message: string;
    }
  }
}

export {};
