/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pb-types.h"

G_BEGIN_DECLS

/* What Plugboard shows in place of a value that looks secret. */
#define PB_SECRET_MASK "••••••"

/* Whether a header, form item or parameter of this name probably holds a secret: Authorization,
 * Proxy-Authorization, X-Api-Key, Api-Key, Cookie, and any name that contains (ignoring case)
 * auth, secret, token, password, passwd, api-key, apikey, api_key, credential, cookie, session
 * or signature. NULL is not secret. The connection page, the exports and the test dialog all
 * decide with this function. */
gboolean  pb_secret_name_looks_secret (const char   *name);

/* The text to show instead of a secret value: "Bearer ••••••" when the value starts with a known
 * authorization scheme word (Bearer, Basic, Digest, Token, …) followed by a credential, else
 * "••••••". An empty value stays empty (there is nothing to hide); NULL gives NULL. */
char     *pb_secret_mask              (const char   *value);

/* A POSIX shell command that sends the connection's own outbound request with curl, one option
 * per line: `curl -X METHOD 'URL'`, `--globoff` when the URL holds braces or brackets (so that
 * ${placeholders} are sent as they are), `--compressed` when the connection asks for a
 * compressed answer, each custom header as `-H 'Name: value'` (`-H 'Name;'` for an empty
 * value) and the request body as `--data-raw '…'` when there is one. URL parameters given as
 * {name, value} items are added to the query. Every argument is quoted for the shell, whatever
 * it holds; ${placeholders} are left as they are.
 * Values of headers whose name looks secret are masked unless include_secrets. Nothing of
 * Plugboard's own account or token is ever included, and neither is the OAuth token that
 * Sitecore Personalize would fetch for an OAUTH connection (it is not part of the connection). */
char     *pb_connection_to_curl       (PbConnection *connection,
                                       gboolean      include_secrets);

/* {"items": [<each connection as received>, …]}, pretty-printed with an indent of two spaces
 * and a final newline. The same document that pb_connection_parse_list() reads.
 * Unless include_secrets, secret-looking values are replaced by PB_SECRET_MASK (see
 * pb_secret_mask()): values of customHeaders and auth.oauthCustomHeaders items whose name looks
 * secret (also urlParameters items of that shape), of auth.formUrlEncodedItems items whose name
 * looks secret, and of any member anywhere named clientSecret, client_secret, password,
 * accessToken or access_token (ignoring case). Nothing else changes.
 * Fails (PB_PARSE_ERROR) only when a connection holds no JSON object. */
char     *pb_export_connections       (GPtrArray    *connections,
                                       gboolean      include_secrets,
                                       GError      **error);
/* One connection: the bare object, pretty-printed like pb_export_connections(). */
char     *pb_export_connection        (PbConnection *connection,
                                       gboolean      include_secrets,
                                       GError      **error);

G_END_DECLS
