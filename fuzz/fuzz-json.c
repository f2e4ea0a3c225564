/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: the one check of JSON text (pb-json.h) and the pull reader on it. The
 * first byte picks the check's flags; the rest is the text. The checker, the reader, the
 * compact and the pretty printers must agree on what is JSON; every string read is UTF-8
 * without NUL; the text they accept goes to json-glib (as small documents do) without a leak,
 * and comes back UTF-8 (lone surrogate escapes are written \ufffd). */
#define G_LOG_DOMAIN "fuzz-json"

#include "config.h"

#include "fuzz-common.h"
#include "pb-json-reader.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  return 0;
}

static void
check_text (char   *text,
            gssize  length)
{
  if (text == NULL || !g_utf8_validate (text, -1, NULL)
      || (length >= 0 && strlen (text) != (gsize) length))
    abort ();
  g_free (text);
}

/* Every value of the document, in order, without recursion. */
static void
walk (PbJsonReader *reader)
{
  for (;;)
    {
      char *name = pb_json_reader_dup_member_name (reader);
      GString *out;
      gssize length;
      gint64 number;
      gboolean boolean;

      if (name != NULL)
        check_text (name, -1);

      switch (pb_json_reader_get_value_type (reader))
        {
        case PB_JSON_OBJECT:
          if (pb_json_reader_start_object (reader))
            continue;
          pb_json_reader_end (reader);
          break;

        case PB_JSON_ARRAY:
          if (pb_json_reader_start_array (reader))
            continue;
          pb_json_reader_end (reader);
          break;

        case PB_JSON_STRING:
          out = g_string_new (NULL);
          if (!pb_json_reader_append_string (reader, out))
            abort ();
          length = out->len;
          check_text (g_string_free (out, FALSE), length);
          break;

        case PB_JSON_NUMBER:
          (void) pb_json_reader_get_int64 (reader, &number);
          break;

        case PB_JSON_BOOLEAN:
          if (!pb_json_reader_get_boolean (reader, &boolean))
            abort ();
          break;

        case PB_JSON_NONE:
          if (pb_json_reader_get_depth (reader) == 0)
            abort ();
          pb_json_reader_end (reader);
          break;

        case PB_JSON_NULL:
        default:
          break;
        }

      if (pb_json_reader_get_depth (reader) == 0)
        return;
      (void) pb_json_reader_next (reader);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(PbJsonReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *compact = NULL;
  g_autofree char *pretty = NULL;
  g_autofree char *text = NULL;
  PbJsonCheckFlags flags;
  gboolean valid;
  gboolean template;
  gsize length;

  if (size == 0)
    return 0;
  flags = data[0] & (PB_JSON_CHECK_ALLOW_PLACEHOLDERS | PB_JSON_CHECK_ALLOW_BOM);
  text = g_strndup ((const char *) data + 1, size - 1);
  length = size - 1;

  valid = pb_json_text_check ((const char *) data + 1, length, flags, &error);
  if (!valid && (!g_error_matches (error, PB_PARSE_ERROR, PB_PARSE_ERROR_SYNTAX)
                 || !g_utf8_validate (error->message, -1, NULL)))
    abort ();
  g_clear_error (&error);

  reader = pb_json_reader_new ((const char *) data + 1, length, flags, &error);
  if ((reader != NULL) != valid)
    abort ();
  if (reader != NULL && !(flags & PB_JSON_CHECK_ALLOW_PLACEHOLDERS))
    walk (reader);

  compact = pb_json_text_compact ((const char *) data + 1, length, flags, NULL);
  if ((compact != NULL) != valid)
    abort ();
  if (compact != NULL)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      /* Compact text is valid and stays as it is. */
      g_autofree char *again = pb_json_text_compact (compact, strlen (compact),
                                                     flags & ~PB_JSON_CHECK_ALLOW_BOM, NULL);

      if (g_strcmp0 (again, compact) != 0)
        abort ();
      /* Lone surrogate escapes are written \ufffd: json-glib reads only UTF-8 from it. */
      if (!(flags & PB_JSON_CHECK_ALLOW_PLACEHOLDERS)
          && json_parser_load_from_data (parser, compact, -1, NULL))
        {
          g_autofree char *generated = json_to_string (json_parser_get_root (parser), FALSE);

          if (!g_utf8_validate (generated, -1, NULL))
            abort ();
        }
    }

  /* The printer takes templates, and no byte order mark; it reads up to the first NUL. */
  template = pb_json_text_check (text, strlen (text), PB_JSON_CHECK_ALLOW_PLACEHOLDERS, NULL);
  pretty = pb_json_text_pretty (text);
  if ((pretty != NULL) != template)
    abort ();
  if (pretty != NULL
      && !pb_json_text_check (pretty, strlen (pretty), PB_JSON_CHECK_ALLOW_PLACEHOLDERS, NULL))
    abort ();

  return 0;
}
