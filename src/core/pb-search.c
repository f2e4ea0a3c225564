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
      gunichar c = g_utf8_get_char_validated (p, -1);

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

/* The folded text of a connection, kept with it and dropped when one of its values changes
 * (pb_connection_update_from notifies). */
typedef struct
{
  char *key;
} SearchKey;

static void
search_key_free (gpointer data)
{
  SearchKey *key = data;

  g_free (key->key);
  g_free (key);
}

static GQuark
search_key_quark (void)
{
  static GQuark quark;

  if G_UNLIKELY (quark == 0)
    quark = g_quark_from_static_string ("pb-search-key");

  return quark;
}

static void
search_key_drop (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  SearchKey *key = g_object_get_qdata (object, search_key_quark ());

  if (key != NULL)
    g_clear_pointer (&key->key, g_free);
}

static const char *
connection_key (PbConnection *connection)
{
  SearchKey *key = g_object_get_qdata (G_OBJECT (connection), search_key_quark ());

  if (key == NULL)
    {
      key = g_new0 (SearchKey, 1);
      g_object_set_qdata_full (G_OBJECT (connection), search_key_quark (), key, search_key_free);
      g_signal_connect (connection, "notify", G_CALLBACK (search_key_drop), NULL);
    }

  if (key->key == NULL)
    {
      const char *parts[] = {
        pb_connection_get_name (connection),
        pb_connection_get_description (connection),
        pb_connection_get_ref (connection),
        pb_connection_get_connection_url (connection),
        pb_connection_get_system_type (connection),
        pb_connection_get_auth_type (connection),
      };
      GString *text = g_string_new (NULL);

      /* A separator no needle folds to keeps matches inside one field. */
      for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
        if (parts[i] != NULL)
          g_string_append_printf (text, "%s\n", parts[i]);

      key->key = pb_search_fold (text->str);
      g_string_free (text, TRUE);
    }

  return key->key;
}

gboolean
pb_search_match_connection (PbConnection *connection,
                            const char   *folded_needle)
{
  g_return_val_if_fail (PB_IS_CONNECTION (connection), FALSE);

  if (folded_needle == NULL || *folded_needle == '\0')
    return TRUE;

  return strstr (connection_key (connection), folded_needle) != NULL;
}
