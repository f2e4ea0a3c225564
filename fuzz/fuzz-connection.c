/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: one connection document, the answer of GET /v2/connections/{ref}
 * (pb_connection_new_from_data), then every property and every item of every table. */
#define G_LOG_DOMAIN "fuzz-connection"

#include "config.h"

#include "fuzz-common.h"

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
  g_autoptr(PbConnection) connection = NULL;
  g_autoptr(GError) error = NULL;

  connection = pb_connection_new_from_data ((const char *) data, (gssize) size, &error);
  if (connection == NULL)
    {
      if (error == NULL || error->domain != PB_PARSE_ERROR || error->message == NULL
          || !g_utf8_validate (error->message, -1, NULL))
        abort ();
      return 0;
    }

  if (error != NULL)
    abort ();
  fuzz_read_connection (connection);

  return 0;
}
