import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import type { ClientLoaderFunctionArgs } from "@remix-run/react";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { I18nContext, useT } from "./i18n/use-t";
import { AppHeader } from "./components/app-header";
import { PreloadAfterScripts } from "./components/preload-after-scripts";
import { usePlainLinkNavigation } from "./components/plain-link";
import { isPublicPath, loginRedirect } from "./http/guards.server";
import { chunkUrl } from "./http/chunk-urls.server";
import { i18nFor, loadCatalog } from "./i18n/i18n";
import { LOCALE_TAGS, type Locale } from "./i18n/locales";
import { countUnread } from "./models/notifications.server";
import picoStyles from "@picocss/pico/css/pico.min.css";
import appStyles from "./styles/app.css";
import noScriptStyles from "./styles/no-script.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: picoStyles },
  { rel: "stylesheet", href: appStyles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Accord" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { pathname } = new URL(request.url);
  if (!context.user && !isPublicPath(pathname)) throw loginRedirect(request);
  return {
    locale: context.locale,
    user: context.user
      ? { name: context.user.name, email: context.user.email, isAdmin: context.user.isAdmin, unread: await countUnread(context.db, context.user.id) }
      : null,
    nonce: context.cspNonce,
    catalogChunk: chunkUrl(`app/i18n/catalogs/${context.locale}.ts`),
  };
}

/**
 * A navigation can change the reader's language without loading a document:
 * signing in from a page in English as someone who reads Chinese, for one.
 * The browser holds only the catalog it started with, so the new language's
 * arrives before the page is drawn in it (else the page would be drawn with
 * English words around Chinese texts until the next full load).
 */
export async function clientLoader({ serverLoader }: ClientLoaderFunctionArgs) {
  const data = await serverLoader<typeof loader>();
  await loadCatalog(data.locale);
  return data;
}

export type RootData = ReturnType<typeof useLoaderData<typeof loader>>;

function Document({ locale, nonce, catalogChunk, children }: { locale: Locale; nonce?: string; catalogChunk?: string | null; children: React.ReactNode }) {
  return (
    <html lang={LOCALE_TAGS[locale]} data-locale={locale} data-theme="light">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
        <noscript>
          <link rel="stylesheet" href={noScriptStyles} />
        </noscript>
        {/* The page's catalog, which the browser loads before hydrating: fetched with the page's scripts, not after them. */}
        {catalogChunk ? <link rel="modulepreload" href={catalogChunk} /> : null}
      </head>
      <body>
        <I18nContext.Provider value={i18nFor(locale)}>{children}</I18nContext.Provider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
        <PreloadAfterScripts />
      </body>
    </html>
  );
}

export default function App() {
  const { locale, user, nonce, catalogChunk } = useLoaderData<typeof loader>();
  usePlainLinkNavigation();
  return (
    <Document locale={locale} nonce={nonce} catalogChunk={catalogChunk}>
      <AppHeader user={user} locale={locale} />
      <main id="main" className="container" tabIndex={-1}>
        <Outlet />
      </main>
    </Document>
  );
}

export function ErrorBoundary() {
  const data = useRouteLoaderData<typeof loader>("root");
  return (
    <Document locale={data?.locale ?? "en"} nonce={data?.nonce}>
      <AppHeader user={data?.user ?? null} locale={data?.locale ?? "en"} />
      <main id="main" className="container">
        <ErrorMessage />
      </main>
    </Document>
  );
}

function ErrorMessage() {
  const error = useRouteError();
  const t = useT();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const [title, message] =
    status === 404
      ? [t("errors.notFoundTitle"), t("errors.notFound")]
      : status === 403
        ? [t("errors.forbiddenTitle"), t("errors.forbidden")]
        : [t("errors.serverTitle"), t("errors.server")];
  return (
    <article className="error-card" role="alert">
      <h1>{title}</h1>
      <p>{message}</p>
      <p>
        <a href="/">{t("errors.backHome")}</a>
      </p>
    </article>
  );
}
