/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pb-secret.h"
#include "pb-types.h"

G_BEGIN_DECLS

/* A POSIX shell command that sends the connection's own outbound request with curl, one option
 * per line: `curl -X METHOD 'URL'`, `--globoff` when the URL holds braces or brackets (so that
 * ${placeholders} are sent as they are), `--compressed` when the connection asks for a
 * compressed answer, each custom header as `-H 'Name: value'` (`-H 'Name;'` for an empty
 * value) and the request body as `--data-raw '…'` when there is one. URL parameters given as
 * {name, value} items are added to the query. Every argument is quoted for the shell, whatever
 * it holds; ${placeholders} are left as they are.
 * Unless include_secrets, values are masked by the rule of pb-secret.h: those of headers and
 * URL parameters whose name looks secret, secret-looking query parameters of the URL, and the
 * secret-looking members of the body (pb_secret_mask_json_text()). Nothing of Plugboard's own
 * account or token is ever included, and neither is the OAuth token that Sitecore Personalize
 * would fetch for an OAUTH connection (it is not part of the connection). */
char     *pb_connection_to_curl       (PbConnection *connection,
                                       gboolean      include_secrets);
/* The same command with the ${placeholders} that `values` names filled in, exactly as
 * pb_outbound_request_new() fills them (see pb-outbound-request.h); NULL values: as
 * pb_connection_to_curl(). Masked unless include_secrets, after filling. */
char     *pb_connection_to_curl_with_values (PbConnection *connection,
                                             GHashTable   *values,
                                             gboolean      include_secrets);

/* {"items": [<each connection as received>, …]}, pretty-printed with an indent of two spaces
 * and a final newline. The same document that pb_connection_parse_list() reads.
 * Unless include_secrets, secret-looking values are replaced by PB_SECRET_MASK (see
 * pb_secret_mask()): values of customHeaders and auth.oauthCustomHeaders items whose name looks
 * secret (pb_secret_name_looks_secret(); also urlParameters items of that shape), of
 * auth.formUrlEncodedItems items whose name looks secret, of members of auth whose name looks
 * secret, secret-looking query parameters of request.connectionUrl and auth.accessTokenUrl (see
 * pb_secret_mask_url()), the secret-looking members of request.requestBody (see
 * pb_secret_mask_json_text(); the body stays a string, laid out as written), and of any member
 * anywhere named clientSecret, client_secret, password, accessToken or access_token (ignoring
 * case). A masked string keeps a scheme word ("Bearer ••••••"); any other masked value but null
 * becomes the string PB_SECRET_MASK, whole. Nothing else changes.
 * Fails (PB_PARSE_ERROR) only when a connection holds no JSON object. */
char     *pb_export_connections       (GPtrArray    *connections,
                                       gboolean      include_secrets,
                                       GError      **error);
/* One connection: the bare object, pretty-printed like pb_export_connections(). */
char     *pb_export_connection        (PbConnection *connection,
                                       gboolean      include_secrets,
                                       GError      **error);
/* The same object masked by the same rule (both are made from it), as compact JSON text: the
 * connection's own text as received, with only the masked values replaced; exactly that text
 * with include_secrets. What the offline copy keeps of each connection. */
char     *pb_export_connection_compact (PbConnection *connection,
                                        gboolean      include_secrets,
                                        GError      **error);

G_END_DECLS
