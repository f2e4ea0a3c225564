/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-placeholders"

#include "config.h"

#include "pb-connection.h"
#include "pb-placeholders.h"

/* Adds the names of the placeholders of `text` to `names` that `seen` does not hold yet. */
void
pb_placeholders_add_names (GPtrArray  *names,
                           GHashTable *seen,
                           const char *text)
{
  g_autoptr(GArray) spans = pb_json_text_find_placeholders (text);

  for (guint i = 0; i < spans->len; i++)
    {
      const PbTextSpan *span = &g_array_index (spans, PbTextSpan, i);
      /* Without "${" and "}". */
      char *name = g_strndup (text + span->start + 2, span->end - span->start - 3);

      if (g_hash_table_contains (seen, name))
        {
          g_free (name);
          continue;
        }
      g_hash_table_add (seen, name);
      g_ptr_array_add (names, g_strdup (name));
    }
}

void
pb_placeholders_add_table_names (GPtrArray  *names,
                                 GHashTable *seen,
                                 GListModel *table,
                                 gboolean    with_item_names)
{
  guint n = table != NULL ? g_list_model_get_n_items (table) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbNameValue) item = g_list_model_get_item (table, i);

      if (with_item_names)
        pb_placeholders_add_names (names, seen, pb_name_value_get_name (item));
      pb_placeholders_add_names (names, seen, pb_name_value_get_value (item));
    }
}

static char **
strv_from_array (GPtrArray *array)
{
  g_ptr_array_add (array, NULL);
  return (char **) g_ptr_array_free (array, FALSE);
}

/* The names in order, and `seen` holding each. */
static GPtrArray *
collect_used (PbConnection *connection,
              GHashTable   *seen)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  pb_placeholders_add_names (names, seen, pb_connection_get_connection_url (connection));
  pb_placeholders_add_table_names (names, seen, pb_connection_get_custom_headers (connection),
                                   TRUE);
  pb_placeholders_add_table_names (names, seen, pb_connection_get_url_parameters (connection),
                                   TRUE);
  pb_placeholders_add_names (names, seen, pb_connection_get_request_body (connection));

  return names;
}

/* The keys of the input mappings, each once, and `keys` holding each. */
static GPtrArray *
collect_keys (PbConnection *connection,
              GHashTable   *keys)
{
  GListModel *mappings = pb_connection_get_input_mappings (connection);
  guint n = mappings != NULL ? g_list_model_get_n_items (mappings) : 0;
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbInputMapping) mapping = g_list_model_get_item (mappings, i);
      const char *key = pb_input_mapping_get_key (mapping);

      if (key == NULL || *key == '\0' || g_hash_table_contains (keys, key))
        continue;
      g_hash_table_add (keys, g_strdup (key));
      g_ptr_array_add (names, g_strdup (key));
    }

  return names;
}

char **
pb_placeholders_dup_used (PbConnection *connection)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_return_val_if_fail (PB_IS_CONNECTION (connection), g_new0 (char *, 1));

  return strv_from_array (collect_used (connection, seen));
}

/* The names of `names` that `other` does not hold, in order. */
static char **
missing_from (GPtrArray  *names,
              GHashTable *other)
{
  GPtrArray *missing = g_ptr_array_new ();

  for (guint i = 0; i < names->len; i++)
    if (!g_hash_table_contains (other, names->pdata[i]))
      g_ptr_array_add (missing, g_strdup (names->pdata[i]));

  return strv_from_array (missing);
}

/* The placeholders without a mapping, or (`unused`) the mappings without a placeholder. */
static char **
compare (PbConnection *connection,
         gboolean      unused)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) used = collect_used (connection, seen);
  g_autoptr(GPtrArray) mapped = collect_keys (connection, keys);

  return unused ? missing_from (mapped, seen) : missing_from (used, keys);
}

char **
pb_placeholders_dup_unmapped (PbConnection *connection)
{
  g_return_val_if_fail (PB_IS_CONNECTION (connection), g_new0 (char *, 1));

  return compare (connection, FALSE);
}

char **
pb_placeholders_dup_unused (PbConnection *connection)
{
  g_return_val_if_fail (PB_IS_CONNECTION (connection), g_new0 (char *, 1));

  return compare (connection, TRUE);
}
