/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: the list answer of GET /v2/connections (pb_connection_parse_list), then
 * every value of every connection it gives. */
#define G_LOG_DOMAIN "fuzz-list"

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
  g_autoptr(GPtrArray) connections = NULL;
  g_autoptr(GError) error = NULL;

  connections = pb_connection_parse_list ((const char *) data, (gssize) size, &error);
  if (connections == NULL)
    {
      /* A refusal names the place in the document and is one of the parser's codes. */
      if (error == NULL || error->domain != PB_PARSE_ERROR || error->message == NULL
          || !g_utf8_validate (error->message, -1, NULL))
        abort ();
      return 0;
    }

  if (error != NULL)
    abort ();
  for (guint i = 0; i < connections->len; i++)
    fuzz_read_connection (g_ptr_array_index (connections, i));

  return 0;
}
