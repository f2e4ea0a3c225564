/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-json-print"

#include "config.h"

#include <string.h>

#include "pb-json-private.h"
#include "pb-json-reader.h"

/* What Plugboard does with whole JSON texts once they are checked: take out the white space,
 * indent them, pick one member, and find the ${placeholders} of request templates. */

/* Appends [p, end) of checked text without the white space between tokens. */
static void
append_compact (GString    *out,
                const char *p,
                const char *end)
{
  while (p < end)
    {
      const char *run = p;

      while (p < end && *p != '"' && !_pb_json_is_ws (*p))
        p++;
      g_string_append_len (out, run, p - run);
      if (p >= end)
        break;
      if (*p == '"')
        {
          gboolean escaped;
          const char *q = _pb_json_scan_string (p, end, &escaped);

          g_string_append_len (out, p, q - p);
          p = q;
        }
      else
        p++;
    }
}

char *
pb_json_text_compact (const char        *data,
                      gsize              length,
                      PbJsonCheckFlags   flags,
                      GError           **error)
{
  const char *start;
  const char *end;
  gboolean lone;
  GString *out;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_pb_json_check_indexed (data, length, flags, NULL, &lone, &start, &end, error))
    return NULL;

  out = g_string_sized_new (end - start);
  append_compact (out, start, end);
  if (lone)
    _pb_json_repair_escapes (out->str, out->len);
  return g_string_free (out, FALSE);
}

char *
pb_json_text_get_top_level_string (const char        *data,
                                   gsize              length,
                                   PbJsonCheckFlags   flags,
                                   const char        *member)
{
  g_autoptr(PbJsonReader) reader = NULL;
  char *found = NULL;

  g_return_val_if_fail (member != NULL, NULL);

  reader = pb_json_reader_new (data, length, flags, NULL);
  if (reader == NULL || pb_json_reader_get_value_type (reader) != PB_JSON_OBJECT)
    return NULL;

  /* The last one counts, as in json-glib. */
  for (gboolean more = pb_json_reader_start_object (reader); more;
       more = pb_json_reader_next (reader))
    if (pb_json_reader_member_is (reader, member, -1))
      {
        g_free (found);
        found = pb_json_reader_dup_string (reader);
      }

  return found;
}

static void
newline (GString *out,
         guint    depth)
{
  g_string_append_c (out, '\n');
  for (guint i = 0; i < depth; i++)
    g_string_append (out, "  ");
}

char *
pb_json_text_pretty (const char *text)
{
  const char *p;
  const char *end;
  gboolean lone;
  GString *out;
  guint depth = 0;

  if (text == NULL
      || !_pb_json_check_indexed (text, strlen (text), PB_JSON_CHECK_ALLOW_PLACEHOLDERS, NULL,
                                  &lone, &p, &end, NULL))
    return NULL;

  out = g_string_sized_new ((end - p) * 2);
  while (p < end)
    {
      char c = *p;

      switch (c)
        {
        case '"':
          {
            gboolean escaped;
            const char *q = _pb_json_scan_string (p, end, &escaped);

            g_string_append_len (out, p, q - p);
            p = q;
          }
          continue;

        case '$':
          {
            gsize len = _pb_json_placeholder_length (p, end);

            g_string_append_len (out, p, len);
            p += len;
          }
          continue;

        case '{':
        case '[':
          {
            const char *q = _pb_json_skip_ws (p + 1, end);

            g_string_append_c (out, c);
            if (q < end && *q == (c == '{' ? '}' : ']'))
              {
                g_string_append_c (out, *q);
                p = q + 1;
                continue;
              }
            newline (out, ++depth);
          }
          break;

        case '}':
        case ']':
          newline (out, --depth);
          g_string_append_c (out, c);
          break;

        case ',':
          g_string_append_c (out, c);
          newline (out, depth);
          break;

        case ':':
          g_string_append (out, ": ");
          break;

        case ' ':
        case '\t':
        case '\n':
        case '\r':
          break;

        default:
          g_string_append_c (out, c);
          break;
        }
      p++;
    }

  if (lone)
    _pb_json_repair_escapes (out->str, out->len);
  return g_string_free (out, FALSE);
}

GArray *
pb_json_text_find_placeholders (const char *text)
{
  GArray *spans = g_array_new (FALSE, FALSE, sizeof (PbTextSpan));
  const char *p, *end;

  if (text == NULL)
    return spans;

  end = text + strlen (text);
  for (p = text; p < end;)
    {
      gsize len = _pb_json_placeholder_length (p, end);

      if (len > 0)
        {
          PbTextSpan span = { p - text, p - text + len };

          g_array_append_val (spans, span);
          p += len;
        }
      else
        p++;
    }

  return spans;
}
