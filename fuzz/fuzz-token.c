/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: the token endpoint's answers as src/core/pb-oauth-token.c reads them: a
 * success ({"access_token", "token_type", "expires_in", "scope"}: parse_token) and a refusal
 * ({"error", "error_description"} or {"message"}: parse_error_detail).
 *
 * Both readers are static in pb-oauth-token.c, so this file compiles that source into itself
 * (fuzz/meson.build links it with a core library built without it). */

#include "pb-oauth-token.c"

#include "fuzz-common.h"

/* What the reader knows of the request: the service's host (for messages) and the secret
 * (kept out of them). */
static Request request = { .host = (char *) "auth.example.test", .secret = (char *) "s3cret" };

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) body = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *detail = NULL;
  gint64 expires_in = 0;

  error = parse_token (&request, body, &token, &expires_in);
  if (error != NULL)
    {
      if (token != NULL || error->domain != PB_CLIENT_ERROR
          || !g_utf8_validate (error->message, -1, NULL))
        abort ();
    }
  else if (token == NULL || *token == '\0')
    {
      abort ();
    }

  detail = parse_error_detail (body);
  if (detail != NULL)
    {
      g_autoptr(GError) refused = NULL;

      fuzz_check_string (detail);
      refused = refused_error (&request, detail);
      fuzz_check_string (refused->message);
    }

  return 0;
}
