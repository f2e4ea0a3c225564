/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "pb-json-reader.h"

G_BEGIN_DECLS

/* The one rule that decides what of a connection looks secret, and how it is masked. The page,
 * every copy, Copy as cURL, the exports, the test dialog and its report all decide with it;
 * "Include Secrets" reveals exactly what it hides. */

/* What Plugboard shows in place of a value that looks secret. */
#define PB_SECRET_MASK "••••••"

/* Whether a header, URL or query parameter, form item, member of `auth` or member of a request
 * body of this name probably holds a secret: one of its words (split at anything but letters
 * and digits, and where camelCase starts a word; ignoring case) is auth, authorization, key,
 * apikey, pass, passwd, password, passphrase, pwd, secret, token, sig, signature, credential,
 * cookie, session, hmac (or their plurals), and its last word does not name an address or a
 * kind (url, uri, endpoint, type). So "Ocp-Apim-Subscription-Key", "X-Key", "pwd" and
 * "refresh_token" look secret; "Monkey", "accessTokenUrl" and "authType" do not.
 * NULL is not secret. */
gboolean  pb_secret_name_looks_secret (const char *name);

/* The text to show instead of a secret value: "Bearer ••••••" when the value starts with a known
 * authorization scheme word (Bearer, Basic, Digest, Token, …) followed by a credential, else
 * "••••••". An empty value stays empty (there is nothing to hide); NULL gives NULL. */
char     *pb_secret_mask              (const char *value);

/* `url` with the values of its query parameters whose name looks secret masked, and the
 * password of its user information ("https://user:••••••@host/") masked; everything else, and
 * the order of the parameters, as it is. Returns a copy of `url` when there is nothing to mask;
 * NULL gives NULL. */
char     *pb_secret_mask_url          (const char *url);

/* A request body with the values of its secret-looking parts masked:
 * - JSON (also with ${placeholders} where a value belongs, as in {"count": ${count}}): the
 *   value of each member, at any depth, whose name looks secret. A string becomes its mask
 *   (see pb_secret_mask()); a number, boolean, placeholder, object or array becomes the
 *   string PB_SECRET_MASK, whole; null and "" stay. Everything else of the text stays exactly
 *   as written: white space, order, escapes.
 * - form-encoded text ("user=a&password=b": name=value pairs joined by '&', no white space):
 *   the values of the pairs whose name looks secret, as in a query (see pb_secret_mask_url()).
 * - anything else (XML, plain text, a template that is not JSON): as it is; the rule only
 *   knows names it can find.
 * Returns a copy of `text` when there is nothing to mask; NULL gives NULL. */
char     *pb_secret_mask_json_text    (const char *text);

/* The JSON text that replaces the value under the cursor of `reader` when it belongs to a
 * secret-looking name: a string's mask, quoted (see pb_secret_mask()); "\"••••••\"" for a
 * number, boolean, placeholder, object or array, whole. NULL when it stays: null and "" hide
 * nothing. */
char     *pb_secret_mask_json_value   (PbJsonReader *reader);

G_END_DECLS
