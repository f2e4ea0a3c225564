/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-connection-page-tables"

#include "config.h"

#include <string.h>

#include "pb-mapping-table.h"
#include "pb-test-ui.h"
#include "test-connection-page-fixture.h"

/* The tables of the connection page: name/value lists (headers, URL parameters, the OAuth
 * headers and form items) with their secrets masked, and the mapping tables. */

static GtkToggleButton *
reveal_button_of (PbPageProperty *row)
{
  g_autoptr(GPtrArray) buttons = pb_test_find_all (GTK_WIDGET (row), GTK_TYPE_TOGGLE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (gtk_widget_get_mapped (g_ptr_array_index (buttons, i)))
      return g_ptr_array_index (buttons, i);

  return NULL;
}

static void
test_secrets (Fixture       *fixture,
              gconstpointer  data)
{
  PbConnection *connection = connection_from_text (
    "{\"name\": \"Secrets\","
    " \"auth\": {\"authType\": \"OAUTH\", \"clientId\": \"client-1\","
    "            \"accessTokenUrl\": \"https://auth.example/token\", \"useMutualTls\": true,"
    "            \"oauthCustomHeaders\": [{\"name\": \"X-Trace\", \"value\": \"trace-42\"}],"
    "            \"formUrlEncodedItems\": [{\"name\": \"client_secret\", \"value\": \"shh-1\"},"
    "              {\"name\": \"grant_type\", \"value\": \"client_credentials\"}]},"
    " \"customHeaders\": [{\"name\": \"Authorization\", \"value\": \"Bearer s3cr3t-value\"},"
    "                     {\"name\": \"X-Api-Key\", \"value\": \"k3y-value\"},"
    "                     {\"name\": \"Accept\", \"value\": \"application/json\"}]}");
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(GPtrArray) revealed = NULL;
  PbPageProperty *row;
  GtkToggleButton *reveal;

  fixture_show (fixture, connection);
  texts = page_texts (fixture, TRUE);

  /* Secrets are masked, the rest shows. */
  assert_not_shows (texts, "s3cr3t-value");
  assert_not_shows (texts, "k3y-value");
  assert_not_shows (texts, "shh-1");
  assert_shows (texts, "••••");
  assert_shows (texts, "trace-42");
  assert_shows (texts, "client_credentials");
  assert_shows (texts, "application/json");
  g_assert_true (texts_have (row_texts (fixture, "Mutual TLS"), "Yes"));
  g_assert_true (texts_have (row_texts (fixture, "Type"), "OAuth 2.0"));

  /* Until revealed: the reveal button of any secret row is the page's one switch. */
  row = find_row (fixture, "Authorization");
  g_assert_true (pb_page_property_get_secret (row));
  reveal = reveal_button_of (row);
  g_assert_nonnull (reveal);
  g_assert_null (reveal_button_of (find_row (fixture, "Accept")));
  pb_test_click (GTK_WIDGET (reveal));
  g_assert_true (gtk_toggle_button_get_active (reveal));
  g_assert_true (pb_page_property_get_revealed (row));
  g_assert_true (pb_connection_page_get_reveal_secrets (fixture->page));
  g_assert_true (pb_page_property_get_revealed (find_row (fixture, "JSON")));

  revealed = page_texts (fixture, FALSE);
  assert_shows (revealed, "Bearer s3cr3t-value");
  assert_shows (revealed, "k3y-value");
  assert_shows (revealed, "shh-1");

  /* And hidden again, everywhere, by the button of another row. */
  pb_test_click (GTK_WIDGET (reveal_button_of (find_row (fixture, "JSON"))));
  g_assert_false (pb_connection_page_get_reveal_secrets (fixture->page));
  g_assert_false (pb_page_property_get_revealed (row));
  g_clear_pointer (&revealed, g_ptr_array_unref);
  revealed = page_texts (fixture, FALSE);
  assert_not_shows (revealed, "s3cr3t-value");
  assert_not_shows (revealed, "k3y-value");
  assert_not_shows (revealed, "shh-1");

  /* The raw view shows the object masked by the same rule, not a sentence instead of it. */
  row = find_row (fixture, "JSON");
  g_assert_true (pb_page_property_get_secret (row));
  g_assert_true (texts_contain (row_texts (fixture, "JSON"), "trace-42"));
  g_assert_true (texts_contain (row_texts (fixture, "JSON"), "Bearer ••••"));
  pb_connection_page_set_reveal_secrets (fixture->page, TRUE);

  /* Another connection starts hidden again. */
  {
    PbConnection *other = connection_from_text (
      "{\"name\": \"Other\", \"customHeaders\": [{\"name\": \"X-Token\", \"value\": \"t0k3n\"}]}");

    pb_connection_page_set_connection (fixture->page, other);
    pb_test_wait_until (page_is_ready, fixture, "the other connection");
    g_clear_pointer (&revealed, g_ptr_array_unref);
    revealed = page_texts (fixture, FALSE);
    g_assert_true (texts_have (revealed, "Other"));
    assert_not_shows (revealed, "t0k3n");
    g_assert_false (pb_page_property_get_revealed (find_row (fixture, "JSON")));
    pb_connection_page_set_connection (fixture->page, connection);
    g_object_unref (other);
  }

}

/* Every mapping table of the page, in page order (input, then output). */
static GPtrArray *
mapping_tables (Fixture *fixture)
{
  GPtrArray *tables = pb_test_find_all (GTK_WIDGET (fixture->page), PB_TYPE_MAPPING_TABLE);

  g_assert_cmpuint (tables->len, ==, 2);
  g_assert_cmpint (pb_mapping_table_get_kind (g_ptr_array_index (tables, 0)), ==,
                   PB_MAPPING_KIND_INPUT);
  g_assert_cmpint (pb_mapping_table_get_kind (g_ptr_array_index (tables, 1)), ==,
                   PB_MAPPING_KIND_OUTPUT);
  return tables;
}

/* The titles of the columns of the table's column view, joined by commas. */
static char *
column_titles (GtkWidget *table)
{
  g_autoptr(GPtrArray) views = NULL;
  g_autoptr(GStrvBuilder) titles = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;
  GListModel *columns;

  views = pb_test_find_all (table, GTK_TYPE_COLUMN_VIEW);
  g_assert_cmpuint (views->len, ==, 1);
  columns = gtk_column_view_get_columns (g_ptr_array_index (views, 0));
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      g_strv_builder_add (titles, gtk_column_view_column_get_title (column));
    }

  strv = g_strv_builder_end (titles);
  return g_strjoinv (",", strv);
}

/* The mapped labels under `widget` that read `text`. */
static GPtrArray *
labels_reading (GtkWidget  *widget,
                const char *text)
{
  g_autoptr(GPtrArray) labels = NULL;
  GPtrArray *found = g_ptr_array_new ();

  labels = pb_test_find_all (widget, GTK_TYPE_LABEL);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);

      if (gtk_widget_get_mapped (label)
          && g_str_equal (gtk_label_get_text (GTK_LABEL (label)), text))
        g_ptr_array_add (found, label);
    }

  return found;
}

/* Each mapping shows its fields in the columns of its kind; an empty field reads "Not set",
 * dimmed; a long value shows shortened, and whole (within reason) in its tooltip. */
static void
test_mapping_cells (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *long_value = g_strnfill (1500, 'x');
  g_autofree char *shown = NULL;
  g_autofree char *tooltip = NULL;
  g_autofree char *text = NULL;
  g_autofree char *input_titles = NULL;
  g_autofree char *output_titles = NULL;
  g_autoptr(GPtrArray) tables = NULL;
  g_autoptr(GPtrArray) not_set = NULL;
  g_autoptr(GPtrArray) labels = NULL;
  GtkWidget *input, *output;

  text = g_strdup_printf ("{\"name\": \"Cells\","
                          " \"inputMappings\": [{\"label\": \"City\", \"key\": \"\","
                          "   \"type\": \"string\", \"exampleValue\": \"%s\"}],"
                          " \"outputMappings\": [{\"label\": \"Score\","
                          "   \"outputReference\": \"score\"}]}",
                          long_value);
  fixture_show_text (fixture, text);
  tables = mapping_tables (fixture);
  input = g_ptr_array_index (tables, 0);
  output = g_ptr_array_index (tables, 1);

  input_titles = column_titles (input);
  g_assert_cmpstr (input_titles, ==, "Label,Key,Type,Example Value,Mapping");
  output_titles = column_titles (output);
  g_assert_cmpstr (output_titles, ==, "Label,Output Reference,Type");

  /* The key is empty and the mapping missing. */
  not_set = labels_reading (input, "Not set");
  g_assert_cmpuint (not_set->len, ==, 2);
  for (guint i = 0; i < not_set->len; i++)
    {
      g_assert_true (gtk_widget_has_css_class (g_ptr_array_index (not_set, i), "dim-label"));
      g_assert_null (gtk_widget_get_tooltip_text (g_ptr_array_index (not_set, i)));
    }

  labels = labels_reading (input, "City");
  g_assert_cmpuint (labels->len, ==, 1);
  g_assert_false (gtk_widget_has_css_class (g_ptr_array_index (labels, 0), "dim-label"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (g_ptr_array_index (labels, 0)), ==, "City");
  g_clear_pointer (&labels, g_ptr_array_unref);

  shown = g_strconcat (long_value + 1301, "…", NULL);
  tooltip = g_strconcat (long_value + 501, "…", NULL);
  labels = labels_reading (input, shown);
  g_assert_cmpuint (labels->len, ==, 1);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (g_ptr_array_index (labels, 0)), ==, tooltip);
  g_clear_pointer (&labels, g_ptr_array_unref);

  /* The output mapping has no type. */
  g_clear_pointer (&not_set, g_ptr_array_unref);
  not_set = labels_reading (output, "Not set");
  g_assert_cmpuint (not_set->len, ==, 1);
  labels = labels_reading (output, "score");
  g_assert_cmpuint (labels->len, ==, 1);
  g_clear_pointer (&labels, g_ptr_array_unref);
  labels = labels_reading (input, "score");
  g_assert_cmpuint (labels->len, ==, 0);
}

/* A table follows the rows its model adds and removes, with its sentence when it has none. */
static void
test_mapping_table_model (void)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  PbMappingTable *table = PB_MAPPING_TABLE (pb_mapping_table_new (PB_MAPPING_KIND_OUTPUT));
  GListStore *store = g_list_store_new (PB_TYPE_OUTPUT_MAPPING);
  g_autoptr(PbOutputMapping) mapping = pb_output_mapping_new ("Score", "score", "number");
  g_autofree char *titles = NULL;

  g_object_ref_sink (table);
  pb_mapping_table_set_empty_text (table, "Nothing to map");
  gtk_window_set_child (window, GTK_WIDGET (table));
  gtk_window_present (window);
  g_assert_null (pb_mapping_table_get_model (table));
  pb_test_wait_for_label (GTK_WIDGET (table), "Nothing to map");

  pb_mapping_table_set_model (table, G_LIST_MODEL (store));
  g_assert_true (pb_mapping_table_get_model (table) == G_LIST_MODEL (store));
  titles = column_titles (GTK_WIDGET (table));
  g_assert_cmpstr (titles, ==, "Label,Output Reference,Type");

  g_list_store_append (store, mapping);
  pb_test_wait_for_label (GTK_WIDGET (table), "score");
  g_assert_false (pb_test_shows_text (GTK_WIDGET (table), "Nothing to map", TRUE));

  g_list_store_remove_all (store);
  pb_test_wait_for_label (GTK_WIDGET (table), "Nothing to map");
  g_assert_false (pb_test_shows_text (GTK_WIDGET (table), "score", TRUE));

  gtk_window_destroy (window);
  g_assert_finalize_object (table);
  g_assert_finalize_object (store);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  fixture_add_test ("/connection-page-tables/secrets", test_secrets);
  fixture_add_test ("/connection-page-tables/mapping-cells", test_mapping_cells);
  g_test_add_func ("/connection-page-tables/mapping-table-model", test_mapping_table_model);

  return g_test_run ();
}
