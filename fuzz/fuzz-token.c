/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: the token endpoint's answers as src/core/pb-account.c reads them: a
 * success ({"access_token", "token_type", "expires_in", "scope"}: parse_token) and a refusal
 * ({"error", "error_description"} or {"message"}: parse_error_detail).
 *
 * Both readers are static in pb-account.c, so this file compiles that source into itself
 * (fuzz/meson.build links it with a core library built without pb-account.c). Once the reader
 * is exposed in pb-account-private.h this target should call it instead. */

#include "pb-account.c"

#include "fuzz-common.h"

static PbAccount *account;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  account = pb_account_new ();
  pb_account_set_token_endpoint (account, "https://auth.example.test/oauth/token");
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

  error = parse_token (account, body, &token, &expires_in);
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
      refused = refused_error (account, detail);
      fuzz_check_string (refused->message);
    }

  return 0;
}
