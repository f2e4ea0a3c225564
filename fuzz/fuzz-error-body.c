/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: an API error body (pb_client_parse_error_message). What it returns goes
 * into a sentence on screen: one line of valid UTF-8, at most 500 characters. */
#define G_LOG_DOMAIN "fuzz-error-body"

#include "config.h"

#include "fuzz-common.h"
#include "pb-client.h"

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
  g_autofree char *message = NULL;

  message = pb_client_parse_error_message ((const char *) data, size);
  if (message == NULL)
    return 0;

  if (!g_utf8_validate (message, -1, NULL) || *message == '\0'
      || g_utf8_strlen (message, -1) > 500)
    abort ();
  for (const char *p = message; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n' || c == '\r' || c == '\t' || g_unichar_iscntrl (c))
        abort ();
    }

  return 0;
}
