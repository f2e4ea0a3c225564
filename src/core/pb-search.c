/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-search"

#include "config.h"

#include <string.h>

#include "pb-connection.h"
#include "pb-search.h"

/* Appends the folded form of one character: its decomposition without combining marks,
 * case folded. */
static void
fold_char (GString  *out,
           gunichar  c)
{
  gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
  gsize n = g_unichar_fully_decompose (c, FALSE, decomposed, G_N_ELEMENTS (decomposed));

  for (gsize i = 0; i < n; i++)
    {
      char buf[8];
      gint len;
      g_autofree char *folded = NULL;

      switch (g_unichar_type (decomposed[i]))
        {
        case G_UNICODE_NON_SPACING_MARK:
        case G_UNICODE_SPACING_MARK:
        case G_UNICODE_ENCLOSING_MARK:
          continue;
        default:
          break;
        }

      len = g_unichar_to_utf8 (decomposed[i], buf);
      folded = g_utf8_casefold (buf, len);
      g_string_append (out, folded);
    }
}

char *
pb_search_fold (const char *text)
{
  GString *out;

  if (text == NULL)
    return g_strdup ("");

  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c;

      /* ASCII folds to itself in lower case: most of the text, without a call per letter. */
      if ((guchar) *p < 0x80)
        {
          g_string_append_c (out, g_ascii_tolower (*p));
          continue;
        }

      c = g_utf8_get_char_validated (p, -1);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        break;
      fold_char (out, c);
    }

  return g_string_free (out, FALSE);
}

gboolean
pb_search_find (const char *text,
                const char *folded_needle,
                gsize      *start,
                gsize      *end)
{
  g_autoptr(GString) folded = NULL;
  g_autoptr(GArray) origin = NULL;   /* for each byte of `folded`: the offset in `text` */
  const char *found;
  gsize first, last;

  if (text == NULL || folded_needle == NULL || *folded_needle == '\0')
    return FALSE;

  folded = g_string_sized_new (strlen (text));
  origin = g_array_sized_new (FALSE, FALSE, sizeof (gsize), strlen (text));

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, -1);
      gsize before = folded->len;
      gsize offset = p - text;

      if (c == (gunichar) -1 || c == (gunichar) -2)
        break;
      fold_char (folded, c);
      for (gsize i = before; i < folded->len; i++)
        g_array_append_val (origin, offset);
    }

  found = strstr (folded->str, folded_needle);
  if (found == NULL)
    return FALSE;

  first = found - folded->str;
  last = first + strlen (folded_needle) - 1;

  if (start != NULL)
    *start = g_array_index (origin, gsize, first);
  if (end != NULL)
    {
      const char *last_char = text + g_array_index (origin, gsize, last);
      *end = g_utf8_next_char (last_char) - text;
    }

  return TRUE;
}

gboolean
pb_search_match_connection (PbConnection *connection,
                            const char   *folded_needle)
{
  g_return_val_if_fail (PB_IS_CONNECTION (connection), FALSE);

  if (folded_needle == NULL || *folded_needle == '\0')
    return TRUE;

  return strstr (pb_connection_get_search_text (connection), folded_needle) != NULL;
}
