/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-hostile"

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <adwaita.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "pb-account.h"
#include "pb-client.h"
#include "pb-connection.h"
#include "pb-test-server.h"
#include "pb-test-ui.h"
#include "pb-window.h"

/* The main window against a server that misbehaves, one way per case: what a person sees.
 *
 * Each case runs twice: as the first load of an empty window (the error page must show the
 * title and the sentence for the problem, and no row), and as a refresh after a good load (the
 * rows stay, the window stays on its list, and a toast says what happened). Every case also
 * checks that nothing logged a warning, that the token never shows on screen, and that the
 * window and the client are freed at the end. tests/test-client.c checks the same server
 * behaviours at the level of PbClient; this suite is about the window. */

#define TOKEN       "hostile-token-6b1f0c2e"
#define N_GOOD_ROWS 3
#define WAIT_LIMIT  90 /* seconds: only reached when something is broken */

/* {{{ The cases */

typedef enum
{
  HOW_ANSWER,          /* status, content type, body and Retry-After as given */
  HOW_WRONG_FIELD,     /* a list whose second connection has `field` set to `wrong` */
  HOW_TRUNCATED,       /* announces 1000 bytes, sends 10, closes */
  HOW_STALL_HEADERS,   /* never answers */
  HOW_STALL_BODY,      /* headers and the start of the body, then nothing */
  HOW_CLOSE,           /* closes the connection without a word */
  HOW_RESET,           /* resets the connection (TCP RST) without a word */
  HOW_REDIRECT_LOOP,   /* sends the client back to where it came from */
  HOW_REDIRECT_AWAY,   /* sends the client to a server of another origin */
  HOW_HUGE_ANNOUNCED,  /* announces 100 MiB and streams slowly */
  HOW_REPEAT_PAGE,     /* the same full page, whatever the offset */
  HOW_TLS_SELF_SIGNED, /* HTTPS with a self-signed certificate */
} How;

typedef char *(*MakeBody) (void);

typedef struct
{
  const char *name;
  How         how;
  guint       status;
  const char *content_type;
  const char *body;         /* literal body (NUL-terminated) */
  MakeBody    make_body;    /* or a body made on demand */
  const char *retry_after;
  const char *field;        /* HOW_WRONG_FIELD */
  const char *wrong;
  int         code;         /* PbClientError, or -1 when the answer loads */
  const char *fragment;     /* of the sentence the user reads (error cases) */
  guint       rows;         /* rows shown afterwards (cases that load) */
  const char *shows;        /* a text that must be on screen afterwards (cases that load) */
  gboolean    crashes;      /* may take the process down: run it in a child process */
  gboolean    first_only;   /* the refresh would check nothing new: not run */
} HostileCase;

#define LOADS (-1)

#define CANNOT_READ   "The server sent an answer that Plugboard cannot read."
#define API_ERROR(status, message) \
  "{\"status\": " #status ", \"code\": 9" #status ", \"message\": \"" message "\", " \
  "\"developerMessage\": \"see logs\", \"moreInfo\": \"https://example.com/errors\"}"
#define HTML_PAGE(title) \
  "<!DOCTYPE html>\n<html><head><title>" title "</title></head>\n" \
  "<body><h1>" title "</h1><p>nginx</p></body></html>\n"

/* One connection as the API sends it; `wrong_field`, when given, gets `wrong` instead. */
static void
append_connection (GString    *out,
                   guint       index,
                   const char *wrong_field,
                   const char *wrong)
{
  static const char *const members[][2] = {
    { "ref", NULL },
    { "href", NULL },
    { "clientKey", "\"ck-hostile\"" },
    { "name", NULL },
    { "description", "\"A connection of the hostile server\"" },
    { "modifiedByRef", "\"5f1c4f52-7a5c-4a3f-9f0e-3f4c1d2e9a10\"" },
    { "modifiedAt", "\"2025-07-02T14:04:58.347Z\"" },
    { "revision", "3" },
    { "archived", "false" },
    { "systemType", "\"DATA_SYSTEM\"" },
    { "auth", NULL },
    { "auth.authType", "\"OAUTH\"" },
    { "auth.clientId", "\"client-1\"" },
    { "auth.accessTokenUrl", "\"https://auth.example.com/token\"" },
    { "auth.useMutualTls", "false" },
    { "auth.oauthCustomHeaders", "[]" },
    { "auth.formUrlEncodedItems", "[]" },
    { "request", NULL },
    { "request.requestType", "\"POST\"" },
    { "request.connectionUrl", "\"https://example.com/${id}\"" },
    { "request.requestBody", "\"{\\\"id\\\": \\\"${id}\\\"}\"" },
    { "customHeaders", "[{\"name\": \"Accept\", \"value\": \"application/json\"}]" },
    { "urlParameters", "[]" },
    { "inputMappings", "[{\"label\": \"Id\", \"key\": \"id\", \"type\": \"string\", "
                       "\"exampleValue\": \"42\", \"mapping\": \"guest.id\"}]" },
    { "outputMappings", "[{\"label\": \"Score\", \"outputReference\": \"score\", "
                        "\"type\": \"number\"}]" },
    { "exampleValue", "\"{\\\"score\\\": 1}\"" },
    { "connectionTimeout", "1000" },
    { "socketTimeout", "1000" },
    { "icon", "\"fad fa-plug\"" },
  };
  const char *open_object = NULL;

  g_string_append_c (out, '{');
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      const char *name = members[i][0];
      const char *value = members[i][1];
      const char *dot = strchr (name, '.');
      gboolean is_wrong = g_strcmp0 (name, wrong_field) == 0;

      /* Leaving a nested object. */
      if (open_object != NULL && (dot == NULL || strncmp (name, open_object, dot - name) != 0))
        {
          g_string_append_c (out, '}');
          open_object = NULL;
        }
      /* Members of an object that was replaced as a whole are left out. */
      if (dot != NULL && wrong_field != NULL && strncmp (name, wrong_field, dot - name) == 0
          && wrong_field[dot - name] == '\0')
        continue;

      if (out->str[out->len - 1] != '{')
        g_string_append_c (out, ',');
      g_string_append_printf (out, "\"%s\":", dot != NULL ? dot + 1 : name);

      if (is_wrong)
        g_string_append (out, wrong);
      else if (strcmp (name, "ref") == 0)
        g_string_append_printf (out, "\"00000000-0000-4000-8000-%012u\"", index);
      else if (strcmp (name, "href") == 0)
        g_string_append_printf (out, "\"https://example.com/v2/connections/%u\"", index);
      else if (strcmp (name, "name") == 0)
        g_string_append_printf (out, "\"Hostile Row %u\"", index + 1);
      else if (value == NULL) /* "auth", "request": their members follow */
        {
          g_string_append_c (out, '{');
          open_object = name;
        }
      else
        g_string_append (out, value);
    }
  if (open_object != NULL)
    g_string_append_c (out, '}');
  g_string_append_c (out, '}');
}

static char *
list_json (guint       n,
           const char *wrong_field,
           const char *wrong)
{
  GString *out = g_string_new ("{\"href\":\"https://example.com/v2/connections\",\"items\":[");

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      append_connection (out, i, i == 1 ? wrong_field : NULL, wrong);
    }
  g_string_append (out, "]}");

  return g_string_free (out, FALSE);
}

static char *
make_deep_list (void)
{
  GString *out = g_string_new ("{\"items\":[");

  for (guint i = 0; i < 10000; i++)
    g_string_append_c (out, '[');
  for (guint i = 0; i < 10000; i++)
    g_string_append_c (out, ']');
  g_string_append (out, "]}");

  return g_string_free (out, FALSE);
}

/* An API error body whose extra member nests a million arrays: json-glib's parser recurses. */
static char *
make_deep_error_body (void)
{
  GString *out = g_string_new ("{\"status\": 500, \"message\": \"Deep trouble.\", \"more\": ");

  for (guint i = 0; i < 1000000; i++)
    g_string_append_c (out, '[');
  for (guint i = 0; i < 1000000; i++)
    g_string_append_c (out, ']');
  g_string_append_c (out, '}');

  return g_string_free (out, FALSE);
}

static char *
make_invalid_utf8 (void)
{
  g_autofree char *good = list_json (N_GOOD_ROWS, NULL, NULL);
  GString *out = g_string_new (good);
  char *name = strstr (out->str, "Hostile Row 2");

  /* "Hostile Row 2" becomes "Hostile R\xff\xfe 2". */
  name[9] = '\xff';
  name[10] = '\xfe';

  return g_string_free (out, FALSE);
}

static char *
make_bom (void)
{
  g_autofree char *good = list_json (N_GOOD_ROWS, NULL, NULL);

  return g_strconcat ("\xef\xbb\xbf", good, NULL);
}

static char *
make_duplicate_keys (void)
{
  g_autofree char *good = list_json (N_GOOD_ROWS, NULL, NULL);
  GString *out = g_string_new (good);

  g_string_replace (out, "\"name\":\"Hostile Row 2\"",
                    "\"name\":\"First Of Two Names\",\"name\":\"Second Of Two Names\"", 1);
  return g_string_free (out, FALSE);
}

/* A 16 MiB example value in the third connection, which no row shows and neither scenario
 * opens (showing it on the connection page takes minutes: see the report of issue 7). */
static char *
make_huge_string (void)
{
  g_autofree char *good = list_json (N_GOOD_ROWS, NULL, NULL);
  const char *needle = "\"exampleValue\":\"{\\\"score\\\": 1}\"";
  GString *out = g_string_new (NULL);
  const char *third = good;

  for (guint i = 0; i < 3; i++)
    third = strstr (i == 0 ? third : third + 1, needle);
  g_assert_nonnull (third);

  g_string_append_len (out, good, third - good);
  g_string_append (out, "\"exampleValue\":\"");
  while (out->len < 16 * 1024 * 1024)
    g_string_append (out, "0123456789abcdef");
  g_string_append_c (out, '"');
  g_string_append (out, third + strlen (needle));

  return g_string_free (out, FALSE);
}

/* A name of 100,000 characters, which the row shows (ellipsized). */
static char *
make_long_name (void)
{
  g_autofree char *good = list_json (N_GOOD_ROWS, NULL, NULL);
  GString *out = g_string_new (good);
  GString *name = g_string_new ("\"name\":\"Long Name ");

  while (name->len < 100000)
    g_string_append (name, "Lorem ipsum dolor sit amet ");
  g_string_append_c (name, '"');
  g_string_replace (out, "\"name\":\"Hostile Row 2\"", name->str, 1);
  g_string_free (name, TRUE);

  return g_string_free (out, FALSE);
}

/* A name with characters that mean something in Pango markup. */
static char *
make_markup_name (void)
{
  g_autofree char *good = list_json (N_GOOD_ROWS, NULL, NULL);
  GString *out = g_string_new (good);

  g_string_replace (out, "\"name\":\"Hostile Row 2\"",
                    "\"name\":\"Rock & Roll <b>Row</b> &amp; 2\"", 1);
  return g_string_free (out, FALSE);
}

static const HostileCase cases[] = {
  /* Bodies of a 200 that are not the list. */
  { "malformed-json", HOW_ANSWER, 200, "application/json", "{\"items\": [{\"ref\": \"a\",]",
    .code = PB_CLIENT_ERROR_BAD_RESPONSE, .fragment = CANNOT_READ },
  { "empty-200", HOW_ANSWER, 200, "application/json", "",
    .code = PB_CLIENT_ERROR_BAD_RESPONSE, .fragment = "The server sent an empty answer." },
  { "no-content-204", HOW_ANSWER, 204, NULL, NULL,
    .code = PB_CLIENT_ERROR_BAD_RESPONSE, .fragment = "The server sent an empty answer." },
  { "null-document", HOW_ANSWER, 200, "application/json", "null",
    .code = PB_CLIENT_ERROR_BAD_RESPONSE, .fragment = CANNOT_READ },
  { "number-document", HOW_ANSWER, 200, "application/json", "42",
    .code = PB_CLIENT_ERROR_BAD_RESPONSE, .fragment = CANNOT_READ },
  { "array-document", HOW_ANSWER, 200, "application/json", "[{\"ref\": \"a\"}]",
    .code = PB_CLIENT_ERROR_BAD_RESPONSE, .fragment = CANNOT_READ },
  { "items-null", HOW_ANSWER, 200, "application/json", "{\"items\": null}",
    .code = PB_CLIENT_ERROR_BAD_RESPONSE, .fragment = CANNOT_READ },
  { "items-object", HOW_ANSWER, 200, "application/json", "{\"items\": {\"ref\": \"a\"}}",
    .code = PB_CLIENT_ERROR_BAD_RESPONSE, .fragment = CANNOT_READ },
  { "item-null", HOW_ANSWER, 200, "application/json", "{\"items\": [null]}",
    .code = PB_CLIENT_ERROR_BAD_RESPONSE, .fragment = CANNOT_READ },
  { "item-number", HOW_ANSWER, 200, "application/json", "{\"items\": [7]}",
    .code = PB_CLIENT_ERROR_BAD_RESPONSE, .fragment = CANNOT_READ },
  { "item-without-name", HOW_ANSWER, 200, "application/json",
    "{\"items\": [{\"ref\": \"a\", \"systemType\": \"DATA_SYSTEM\"}]}",
    .code = PB_CLIENT_ERROR_BAD_RESPONSE, .fragment = CANNOT_READ },
  { "nested-10000-deep", HOW_ANSWER, 200, "application/json", .make_body = make_deep_list,
    .code = PB_CLIENT_ERROR_BAD_RESPONSE, .fragment = CANNOT_READ },
  { "invalid-utf8", HOW_ANSWER, 200, "application/json", .make_body = make_invalid_utf8,
    .code = PB_CLIENT_ERROR_BAD_RESPONSE, .fragment = CANNOT_READ },
  { "html-200", HOW_ANSWER, 200, "text/html", HTML_PAGE ("Welcome"),
    .code = PB_CLIENT_ERROR_BAD_RESPONSE, .fragment = "a web page instead of data" },
  { "truncated-body", HOW_TRUNCATED,
    .code = PB_CLIENT_ERROR_BAD_RESPONSE, .fragment = "answer was cut off" },
  { "body-100-mib", HOW_HUGE_ANNOUNCED,
    .code = PB_CLIENT_ERROR_BAD_RESPONSE, .fragment = "answer is too large" },
  { "redirect-without-location", HOW_ANSWER, 302, NULL, NULL,
    .code = PB_CLIENT_ERROR_BAD_RESPONSE, .fragment = "(status 302)" },

  /* Odd but readable: the list loads. */
  { "byte-order-mark", HOW_ANSWER, 200, "application/json", .make_body = make_bom,
    .code = LOADS, .rows = N_GOOD_ROWS, .shows = "Hostile Row 3" },
  { "duplicate-keys", HOW_ANSWER, 200, "application/json", .make_body = make_duplicate_keys,
    .code = LOADS, .rows = N_GOOD_ROWS, .shows = "Second Of Two Names" },
  { "huge-string-field", HOW_ANSWER, 200, "application/json", .make_body = make_huge_string,
    .code = LOADS, .rows = N_GOOD_ROWS, .shows = "Hostile Row 2" },
  { "long-name", HOW_ANSWER, 200, "application/json", .make_body = make_long_name,
    .code = LOADS, .rows = N_GOOD_ROWS, .shows = "Hostile Row 3" },
  { "markup-in-name", HOW_ANSWER, 200, "application/json", .make_body = make_markup_name,
    .code = LOADS, .rows = N_GOOD_ROWS, .shows = "Rock & Roll <b>Row</b> &amp; 2" },
  { "page-repeats-forever", HOW_REPEAT_PAGE,
    .code = LOADS, .rows = 100, .shows = "Hostile Row 100" },

  /* Error statuses, with and without the API's error body, and with web pages. */
  { "401-with-body", HOW_ANSWER, 401, "application/json",
    API_ERROR (401, "The access token has expired."),
    .code = PB_CLIENT_ERROR_UNAUTHORIZED, .fragment = "The access token has expired." },
  { "401-without-body", HOW_ANSWER, 401, NULL, NULL,
    .code = PB_CLIENT_ERROR_UNAUTHORIZED, .fragment = "The server refused the sign-in." },
  { "403", HOW_ANSWER, 403, "application/json",
    API_ERROR (403, "Missing scope personalize.external_webservices:manage."),
    .code = PB_CLIENT_ERROR_FORBIDDEN,
    .fragment = "Missing scope personalize.external_webservices:manage." },
  { "403-html", HOW_ANSWER, 403, "text/html", HTML_PAGE ("403 Forbidden"),
    .code = PB_CLIENT_ERROR_FORBIDDEN, .fragment = "The account is not allowed to do this." },
  { "404", HOW_ANSWER, 404, "application/json", API_ERROR (404, "No such tenant."),
    .code = PB_CLIENT_ERROR_NOT_FOUND, .fragment = "No such tenant." },
  { "404-html", HOW_ANSWER, 404, "text/html", HTML_PAGE ("404 Not Found"),
    .code = PB_CLIENT_ERROR_NOT_FOUND, .fragment = "could not find what Plugboard asked for" },
  { "408", HOW_ANSWER, 408, NULL, NULL,
    .code = PB_CLIENT_ERROR_REJECTED, .fragment = "(error 408)" },
  { "409", HOW_ANSWER, 409, "application/json", API_ERROR (409, "Revision conflict."),
    .code = PB_CLIENT_ERROR_REJECTED, .fragment = "Revision conflict." },
  { "415", HOW_ANSWER, 415, "text/plain", "Unsupported Media Type",
    .code = PB_CLIENT_ERROR_REJECTED, .fragment = "(error 415)" },
  { "429-retry-after", HOW_ANSWER, 429, "application/json",
    API_ERROR (429, "Slow down."), .retry_after = "120",
    .code = PB_CLIENT_ERROR_RATE_LIMITED, .fragment = "Try again in 120 seconds." },
  { "429-without-retry-after", HOW_ANSWER, 429, NULL, NULL,
    .code = PB_CLIENT_ERROR_RATE_LIMITED, .fragment = "Try again in a moment." },
  { "500-with-body", HOW_ANSWER, 500, "application/json",
    API_ERROR (500, "Database unavailable."),
    .code = PB_CLIENT_ERROR_SERVER, .fragment = "Database unavailable." },
  { "500-without-body", HOW_ANSWER, 500, NULL, NULL,
    .code = PB_CLIENT_ERROR_SERVER, .fragment = "(error 500)" },
  { "502-html", HOW_ANSWER, 502, "text/html", HTML_PAGE ("502 Bad Gateway"),
    .code = PB_CLIENT_ERROR_SERVER, .fragment = "(error 502)" },
  { "503-with-body", HOW_ANSWER, 503, "application/json",
    API_ERROR (503, "Retry, the servers are clustered."),
    .code = PB_CLIENT_ERROR_SERVER, .fragment = "Retry, the servers are clustered." },
  { "503-without-body", HOW_ANSWER, 503, NULL, NULL,
    .code = PB_CLIENT_ERROR_SERVER, .fragment = "(error 503)" },
  { "503-html", HOW_ANSWER, 503, "text/html", HTML_PAGE ("503 Service Unavailable"),
    .code = PB_CLIENT_ERROR_SERVER, .fragment = "(error 503)" },
  { "error-body-echoes-token", HOW_ANSWER, 401, "application/json",
    API_ERROR (401, "Token " TOKEN " was revoked."),
    .code = PB_CLIENT_ERROR_UNAUTHORIZED, .fragment = "Token … was revoked." },
  { "error-body-with-markup", HOW_ANSWER, 500, "application/json",
    API_ERROR (500, "Upstream <b>down</b> & out."),
    .code = PB_CLIENT_ERROR_SERVER, .fragment = "Upstream <b>down</b> & out." },
  { "error-body-nested-a-million-deep", HOW_ANSWER, 500, "application/json",
    .make_body = make_deep_error_body,
    .code = PB_CLIENT_ERROR_SERVER, .fragment = "The server ran into a problem",
    .crashes = TRUE },

  /* Transport. */
  { "stall-before-headers", HOW_STALL_HEADERS,
    .code = PB_CLIENT_ERROR_TIMEOUT, .fragment = "did not answer in time" },
  { "stall-mid-body", HOW_STALL_BODY,
    .code = PB_CLIENT_ERROR_TIMEOUT, .fragment = "did not answer in time" },
  { "connection-closed", HOW_CLOSE,
    .code = PB_CLIENT_ERROR_NETWORK, .fragment = "could not talk to the server" },
  { "connection-reset", HOW_RESET,
    .code = PB_CLIENT_ERROR_NETWORK, .fragment = "could not talk to the server" },
  { "redirect-loop", HOW_REDIRECT_LOOP,
    .code = PB_CLIENT_ERROR_BAD_RESPONSE,
    .fragment = "keeps sending Plugboard from one address to another" },
  { "redirect-to-another-origin", HOW_REDIRECT_AWAY,
    .code = PB_CLIENT_ERROR_NETWORK, .fragment = "Nothing was sent there." },
  { "self-signed-certificate", HOW_TLS_SELF_SIGNED,
    .code = PB_CLIENT_ERROR_TLS, .fragment = "not trusted (self-signed)" },

  /* Every field of a connection with the wrong type (in the second of three connections): one
   * odd record does not blank the list, it is shown with the field unset (issue 17). Only a
   * connection without a name cannot be shown. */
  { "wrong-type-name", HOW_WRONG_FIELD, .field = "name", .wrong = "{\"text\": \"x\"}",
    .code = PB_CLIENT_ERROR_BAD_RESPONSE, .fragment = CANNOT_READ, .first_only = TRUE },
#define WRONG_FULL(member, value, only_first) \
  { "wrong-type-" member, HOW_WRONG_FIELD, .field = member, .wrong = value, \
    .code = LOADS, .rows = N_GOOD_ROWS, .shows = "Hostile Row 2", .first_only = only_first }
  /* A refresh that meets any of them takes the same way through the window: three of them
   * check it. */
#define WRONG(member, value) WRONG_FULL (member, value, TRUE)
#define WRONG_REFRESH(member, value) WRONG_FULL (member, value, FALSE)
  WRONG_REFRESH ("ref", "42"),
  WRONG ("href", "false"),
  WRONG ("clientKey", "[]"),
  WRONG ("description", "7"),
  WRONG ("modifiedByRef", "true"),
  WRONG ("modifiedAt", "1751465098347"),
  WRONG ("revision", "\"3\""),
  WRONG ("archived", "\"false\""),
  WRONG ("systemType", "[\"DATA_SYSTEM\"]"),
  WRONG_REFRESH ("auth", "\"NONE\""),
  WRONG ("auth.authType", "0"),
  WRONG ("auth.clientId", "{}"),
  WRONG ("auth.accessTokenUrl", "1"),
  WRONG ("auth.useMutualTls", "\"yes\""),
  WRONG ("auth.oauthCustomHeaders", "{}"),
  WRONG ("auth.formUrlEncodedItems", "\"a=b\""),
  WRONG ("request", "[]"),
  WRONG ("request.requestType", "1"),
  WRONG ("request.connectionUrl", "[\"https://example.com\"]"),
  WRONG ("request.requestBody", "{\"id\": 1}"),
  WRONG ("customHeaders", "{\"Accept\": \"application/json\"}"),
  WRONG ("urlParameters", "\"a=b\""),
  WRONG_REFRESH ("inputMappings", "[42]"),
  WRONG ("outputMappings", "[[\"score\"]]"),
  WRONG ("exampleValue", "{\"score\": 1}"),
  WRONG ("connectionTimeout", "\"1000\""),
  WRONG ("socketTimeout", "1.5"),
  WRONG ("icon", "null, \"icon\": 5"),
#undef WRONG_REFRESH
#undef WRONG
#undef WRONG_FULL
};

/* }}} */
/* {{{ The server */

/* The case's body, made on demand. */
static char *
case_body (const HostileCase *c)
{
  if (c->make_body != NULL)
    return c->make_body ();
  if (c->how == HOW_WRONG_FIELD)
    return list_json (N_GOOD_ROWS, c->field, c->wrong);
  if (c->how == HOW_REPEAT_PAGE)
    return list_json (100, NULL, NULL);
  return g_strdup (c->body);
}

/* Sets the server to misbehave as the case says; `other` is the server of another origin. */
static void
misbehave (PbTestServer      *server,
           PbTestServer      *other,
           const HostileCase *c)
{
  switch (c->how)
    {
    case HOW_ANSWER:
    case HOW_WRONG_FIELD:
    case HOW_REPEAT_PAGE:
      server->behaviour = PB_TEST_SERVER_ANSWER;
      server->status = c->status;
      server->content_type = g_strdup (c->content_type != NULL ? c->content_type
                                                              : "application/json");
      server->body = case_body (c);
      server->retry_after = g_strdup (c->retry_after);
      break;

    case HOW_TRUNCATED:
      server->behaviour = PB_TEST_SERVER_TRUNCATED;
      break;

    case HOW_STALL_HEADERS:
      server->behaviour = PB_TEST_SERVER_STALL_HEADERS;
      break;

    case HOW_STALL_BODY:
      server->behaviour = PB_TEST_SERVER_STALL_BODY;
      break;

    case HOW_CLOSE:
      server->behaviour = PB_TEST_SERVER_CLOSE;
      break;

    case HOW_RESET:
      server->behaviour = PB_TEST_SERVER_RESET;
      break;

    case HOW_REDIRECT_LOOP:
      server->behaviour = PB_TEST_SERVER_REDIRECT_LOOP;
      break;

    case HOW_REDIRECT_AWAY:
      server->redirect_all = TRUE;
      server->location = g_strconcat (other->base_url, "/v2/connections?limit=100&offset=0",
                                      NULL);
      break;

    case HOW_HUGE_ANNOUNCED:
      server->behaviour = PB_TEST_SERVER_HUGE_LENGTH;
      break;

    case HOW_TLS_SELF_SIGNED: /* the good list, over HTTPS */
    default:
      break;
    }
}

/* A server that serves the good list, as its first and only page. */
static PbTestServer *
good_server_new (gboolean tls)
{
  PbTestServer *server = pb_test_server_new (tls);

  server->first_page = list_json (N_GOOD_ROWS, NULL, NULL);

  return server;
}

/* }}} */
/* {{{ What the test sees */

static GPtrArray *logged_problems;

/* Every warning or critical of the process (none is allowed) goes to the test's verdict. */
static GLogWriterOutput
log_writer (GLogLevelFlags   log_level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  if (log_level & (G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL))
    {
      for (gsize i = 0; logged_problems != NULL && i < n_fields; i++)
        if (g_strcmp0 (fields[i].key, "MESSAGE") == 0)
          g_ptr_array_add (logged_problems,
                           g_strdup_printf ("logged: %s",
                                            fields[i].length < 0
                                              ? (const char *) fields[i].value : "?"));
      return g_log_writer_standard_streams (log_level, fields, n_fields, user_data);
    }

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

typedef struct
{
  PbTestServer  *server;
  PbTestServer  *other;      /* another origin, for the redirect away */
  PbClient      *client;
  PbWindow      *window;
  GPtrArray     *problems;  /* what went wrong, for the verdict */
} Fixture;

#define CHECK(fixture, cond, ...) \
  G_STMT_START { \
    if (!(cond)) \
      g_ptr_array_add ((fixture)->problems, g_strdup_printf (__VA_ARGS__)); \
  } G_STMT_END

static guint
n_rows (Fixture *fixture)
{
  return g_list_model_get_n_items (pb_window_get_shown_connections (fixture->window));
}

/* The title of the error page for a kind of failure: what a person reads. */
static const char *
expected_title (PbClientError code)
{
  switch (code)
    {
    case PB_CLIENT_ERROR_UNAUTHORIZED:
      return "Sign-In Refused";
    case PB_CLIENT_ERROR_FORBIDDEN:
      return "Access Denied";
    case PB_CLIENT_ERROR_RATE_LIMITED:
      return "Too Many Requests";
    case PB_CLIENT_ERROR_SERVER:
      return "The Server Has a Problem";
    case PB_CLIENT_ERROR_NETWORK:
      return "Cannot Reach the Server";
    case PB_CLIENT_ERROR_TIMEOUT:
      return "The Server Did Not Answer";
    case PB_CLIENT_ERROR_TLS:
      return "Untrusted Connection";
    case PB_CLIENT_ERROR_BAD_RESPONSE:
      return "Unexpected Answer";
    case PB_CLIENT_ERROR_NOT_FOUND:
    case PB_CLIENT_ERROR_REJECTED:
    default:
      return "Could Not Load Connections";
    }
}

static void
fixture_set_up (Fixture           *fixture,
                const HostileCase *c)
{
  fixture->problems = g_ptr_array_new_with_free_func (g_free);
  logged_problems = fixture->problems;

  fixture->server = good_server_new (c->how == HOW_TLS_SELF_SIGNED);
  fixture->other = good_server_new (FALSE);

  fixture->client = pb_client_new (fixture->server->base_url);
  pb_client_set_access_token (fixture->client, TOKEN);
  if (c->how == HOW_STALL_HEADERS || c->how == HOW_STALL_BODY)
    pb_client_set_timeout (fixture->client, 1);

  fixture->window = g_object_new (PB_TYPE_WINDOW, NULL);
  g_object_ref_sink (fixture->window);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1100, 700);
  gtk_window_present (GTK_WINDOW (fixture->window));
}

/* Drops the last reference and waits (a little) for pending callbacks to let go of it. */
static void
assert_finalized (Fixture    *fixture,
                  gpointer    object,
                  const char *what)
{
  CHECK (fixture, pb_test_unref_and_wait_finalized (object, 10), "the %s was not freed", what);
}

static void
fixture_tear_down (Fixture           *fixture,
                   const HostileCase *c)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  assert_finalized (fixture, g_steal_pointer (&fixture->window), "window");
  assert_finalized (fixture, g_steal_pointer (&fixture->client), "client");
  pb_test_server_free (fixture->server);
  pb_test_server_free (fixture->other);
}

/* Checks that belong to every case. */
static void
check_common (Fixture           *fixture,
              const HostileCase *c)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);

  CHECK (fixture, !pb_test_shows_text (window, TOKEN, FALSE), "the token is on screen");

  if (c->how == HOW_REDIRECT_AWAY)
    {
      for (guint i = 0; i < fixture->other->requests->len; i++)
        {
          PbTestRequest *request = g_ptr_array_index (fixture->other->requests, i);

          CHECK (fixture, request->authorization == NULL,
                 "the token followed the redirect to %s", fixture->other->base_url);
        }
      CHECK (fixture, fixture->other->requests->len == 0,
             "the client followed a redirect to another origin");
    }

  if (c->how == HOW_HUGE_ANNOUNCED)
    CHECK (fixture, fixture->server->written < 8 * 1024 * 1024,
           "the client read %" G_GUINT64_FORMAT " bytes of an answer it must refuse",
           fixture->server->written);
}

static void
verdict (Fixture           *fixture,
         const HostileCase *c)
{
  g_autoptr(GString) all = g_string_new (NULL);

  logged_problems = NULL;
  for (guint i = 0; i < fixture->problems->len; i++)
    g_string_append_printf (all, "%s%s", i > 0 ? "; " : "",
                            (const char *) g_ptr_array_index (fixture->problems, i));

  if (fixture->problems->len > 0)
    g_test_fail_printf ("%s: %s", c->name, all->str);

  g_ptr_array_unref (fixture->problems);
}

/* }}} */
/* {{{ The two scenarios */

static void
run_first_load (const HostileCase *c)
{
  Fixture fixture = { 0 };
  GtkWidget *window;

  fixture_set_up (&fixture, c);
  window = GTK_WIDGET (fixture.window);
  misbehave (fixture.server, fixture.other, c);

  pb_window_set_client (fixture.window, fixture.client);
  pb_test_wait_until_idle (fixture.window, 0);

  if (c->code == LOADS)
    {
      CHECK (&fixture, g_strcmp0 (pb_window_get_view (fixture.window), "connections") == 0,
             "the window shows “%s”, not the list", pb_window_get_view (fixture.window));
      CHECK (&fixture, n_rows (&fixture) == c->rows, "%u rows instead of %u",
             n_rows (&fixture), c->rows);
      CHECK (&fixture, pb_test_shows_text (window, c->shows, TRUE), "“%s” is not on screen",
             c->shows);
    }
  else
    {
      const char *title = expected_title ((PbClientError) c->code);

      CHECK (&fixture, g_strcmp0 (pb_window_get_view (fixture.window), "error") == 0,
             "the window shows “%s”, not the error page", pb_window_get_view (fixture.window));
      CHECK (&fixture, n_rows (&fixture) == 0, "%u rows on an error", n_rows (&fixture));
      CHECK (&fixture, pb_test_shows_text (window, title, TRUE), "the title “%s” is not on screen",
             title);
      CHECK (&fixture, pb_test_shows_text (window, c->fragment, FALSE),
             "no text on screen holds “%s”", c->fragment);
    }

  check_common (&fixture, c);
  fixture_tear_down (&fixture, c);
  verdict (&fixture, c);
}

static void
run_refresh (const HostileCase *c)
{
  Fixture fixture = { 0 };
  GtkWidget *window;
  GtkSingleSelection *selection;
  g_autoptr(GTlsDatabase) trusting = NULL;
  g_autofree char *pem_path = NULL;

  fixture_set_up (&fixture, c);
  window = GTK_WIDGET (fixture.window);

  if (c->how == HOW_TLS_SELF_SIGNED)
    {
      g_autoptr(GError) error = NULL;
      int fd = g_file_open_tmp ("hostile-XXXXXX.pem", &pem_path, &error);

      /* Trusted for the good load, then back to the system's trust on a new connection. */
      g_assert_no_error (error);
      close (fd);
      g_assert_true (g_file_set_contents (pem_path, pb_test_server_certificate_pem, -1, &error));
      trusting = g_tls_file_database_new (pem_path, &error);
      g_assert_no_error (error);
      pb_client_set_tls_database (fixture.client, trusting);
      fixture.server->close_after = TRUE;
    }

  pb_window_set_client (fixture.window, fixture.client);
  pb_test_wait_until_idle (fixture.window, 0);
  g_assert_cmpstr (pb_window_get_view (fixture.window), ==, "connections");
  g_assert_cmpuint (n_rows (&fixture), ==, N_GOOD_ROWS);
  selection = GTK_SINGLE_SELECTION (pb_window_get_shown_connections (fixture.window));
  gtk_single_selection_set_selected (selection, 1);

  if (c->how == HOW_TLS_SELF_SIGNED)
    pb_client_set_tls_database (fixture.client, NULL);
  misbehave (fixture.server, fixture.other, c);
  gtk_widget_activate_action (window, "win.refresh", NULL);
  pb_test_wait_until_idle (fixture.window, 0);

  CHECK (&fixture, g_strcmp0 (pb_window_get_view (fixture.window), "connections") == 0,
         "the window left its list for “%s”", pb_window_get_view (fixture.window));
  if (c->code == LOADS)
    {
      CHECK (&fixture, n_rows (&fixture) == c->rows, "%u rows instead of %u",
             n_rows (&fixture), c->rows);
      CHECK (&fixture, pb_test_shows_text (window, c->shows, TRUE), "“%s” is not on screen",
             c->shows);
    }
  else
    {
      CHECK (&fixture, n_rows (&fixture) == N_GOOD_ROWS, "%u rows instead of the %u shown",
             n_rows (&fixture), N_GOOD_ROWS);
      CHECK (&fixture, pb_test_shows_text (window, "Hostile Row 1", TRUE),
             "the rows shown before are gone from the screen");
      CHECK (&fixture, gtk_single_selection_get_selected (selection) == 1,
             "the selection was lost");
      CHECK (&fixture, pb_test_shows_text (window, c->fragment, FALSE),
             "no toast or text on screen holds “%s”", c->fragment);
    }

  check_common (&fixture, c);
  fixture_tear_down (&fixture, c);
  if (pem_path != NULL)
    g_unlink (pem_path);
  verdict (&fixture, c);
}

static void
test_case (gconstpointer data)
{
  const HostileCase *c = data;
  const char *scenario = strstr (g_test_get_path (), "/first-load/") ? "first-load" : "refresh";

  if (c->crashes && !g_test_subprocess ())
    {
      /* The whole scenario in a child process, so that a crash is a verdict and not the end
       * of this program. */
      g_test_trap_subprocess (NULL, WAIT_LIMIT * 2 * G_USEC_PER_SEC,
                              G_TEST_SUBPROCESS_INHERIT_STDERR);
      if (!g_test_trap_has_passed ())
        g_test_fail_printf ("%s: the %s scenario failed in a child process", c->name, scenario);
      return;
    }

  if (strcmp (scenario, "first-load") == 0)
    run_first_load (c);
  else
    run_refresh (c);
}

/* }}} */
/* {{{ A hostile token endpoint */

/* The window's client gets its tokens from an API-key account whose token endpoint is the
 * other server; the API server serves the good list. */
static PbAccount *
fixture_use_account (Fixture *fixture,
                     char    *token_answer /* owned */)
{
  PbAccount *account = pb_account_new ();
  g_autofree char *endpoint = g_strconcat (fixture->other->base_url, "/oauth/token", NULL);

  fixture->other->token_answer = token_answer;
  pb_account_set_base_url (account, fixture->server->base_url);
  pb_account_set_client_id (account, "client-hostile");
  pb_account_set_token_endpoint (account, endpoint);
  pb_account_set_secret (account, "client-secret-hostile-91d2");
  pb_client_set_token_source (fixture->client, PB_TOKEN_SOURCE (account));

  return account;
}

static const HostileCase token_case = { "token-endpoint", HOW_ANSWER };

/* An answer nested 400,000 deep (800 KB, under the 1 MiB the account reads): json-glib's
 * parser recurses once per level, on the main thread, so the account must refuse it first. */
static void
test_token_nested_deep (void)
{
  Fixture fixture = { 0 };
  g_autoptr(PbAccount) account = NULL;
  GString *answer;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, WAIT_LIMIT * G_USEC_PER_SEC,
                              G_TEST_SUBPROCESS_INHERIT_STDERR);
      if (!g_test_trap_has_passed ())
        g_test_fail_printf ("a token answer nested 400,000 deep crashed the app");
      return;
    }

  fixture_set_up (&fixture, &token_case);
  answer = g_string_new ("{\"access_token\": \"minted-token-1\", \"nested\": ");
  for (guint i = 0; i < 400000; i++)
    g_string_append_c (answer, '[');
  for (guint i = 0; i < 400000; i++)
    g_string_append_c (answer, ']');
  g_string_append_c (answer, '}');
  account = fixture_use_account (&fixture, g_string_free (answer, FALSE));

  pb_window_set_client (fixture.window, fixture.client);
  pb_test_wait_until_idle (fixture.window, 0);

  /* Whether json-glib gives up or reads it, the app goes on: a list or an error page. */
  CHECK (&fixture, g_strcmp0 (pb_window_get_view (fixture.window), "loading") != 0,
         "the window still shows “loading”");
  fixture_tear_down (&fixture, &token_case);
  verdict (&fixture, &token_case);
}

/* A token that claims to live for 2^63 - 1 seconds: the account must keep using it. */
static void
test_token_endless_lifetime (void)
{
  Fixture fixture = { 0 };
  g_autoptr(PbAccount) account = NULL;
  static const char answer[] = "{\"access_token\": \"minted-token-2\", "
                               "\"token_type\": \"Bearer\", "
                               "\"expires_in\": 9223372036854775807}";

  /* Before the account bounded the lifetime, expires_in * G_USEC_PER_SEC overflowed (undefined
   * behaviour), the token counted as expired at once and every request minted a new one. */
  fixture_set_up (&fixture, &token_case);
  account = fixture_use_account (&fixture, g_strdup (answer));

  pb_window_set_client (fixture.window, fixture.client);
  pb_test_wait_until_idle (fixture.window, 0);
  g_assert_cmpstr (pb_window_get_view (fixture.window), ==, "connections");
  gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.refresh", NULL);
  pb_test_wait_until_idle (fixture.window, 0);

  CHECK (&fixture, n_rows (&fixture) == N_GOOD_ROWS, "%u rows", n_rows (&fixture));
  CHECK (&fixture, fixture.other->n_token_requests == 1,
         "%u token requests for two loads with a token that does not expire",
         fixture.other->n_token_requests);
  fixture_tear_down (&fixture, &token_case);
  verdict (&fixture, &token_case);
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_log_set_writer_func (log_writer, NULL, NULL);
  /* A warning fails the case through its verdict, with everything else the case saw; a
   * critical still ends the program. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  /* Transitions only make the cases slower; what they end on is the same. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *first = g_strdup_printf ("/hostile/first-load/%s", cases[i].name);
      g_autofree char *refresh = g_strdup_printf ("/hostile/refresh/%s", cases[i].name);

      g_test_add_data_func (first, &cases[i], test_case);
      if (!cases[i].first_only)
        g_test_add_data_func (refresh, &cases[i], test_case);
    }

  g_test_add_func ("/hostile/token-endpoint/nested-deep", test_token_nested_deep);
  g_test_add_func ("/hostile/token-endpoint/endless-lifetime", test_token_endless_lifetime);

  return g_test_run ();
}
