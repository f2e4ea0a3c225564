/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-connection-page"

#include "config.h"

#include <string.h>

#include "pb-export.h"
#include "pb-secret.h"
#include "pb-test-ui.h"
#include "test-connection-page-fixture.h"

/* The objects of all fixtures that hold connections, as JSON nodes. */
static GPtrArray *
fixture_objects (void)
{
  GPtrArray *objects = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  g_autofree char *list = pb_test_read_fixture ("list-connections.json");
  g_autofree char *single = pb_test_read_fixture ("connection-destination.json");
  g_autoptr(JsonNode) list_root = parse_json (list);
  JsonArray *items = json_object_get_array_member (json_node_get_object (list_root), "items");

  for (guint i = 0; i < json_array_get_length (items); i++)
    g_ptr_array_add (objects, json_node_copy (json_array_get_element (items, i)));
  g_ptr_array_add (objects, parse_json (single));

  g_assert_cmpuint (objects->len, >=, 2);
  return objects;
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static void
assert_shows_member (GPtrArray  *texts,
                     JsonObject *object,
                     const char *name)
{
  const char *value = member_string (object, name);

  g_assert_nonnull (value);
  if (value[0] == '\0')
    assert_shows (texts, "Not set");
  else
    assert_shows (texts, value);
}

static void
assert_shows_name_values (GPtrArray  *texts,
                          JsonObject *object,
                          const char *member,
                          const char *empty_text)
{
  JsonArray *array = json_object_get_array_member (object, member);

  if (json_array_get_length (array) == 0)
    assert_shows (texts, empty_text);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *item = json_array_get_object_element (array, i);

      assert_shows_member (texts, item, "name");
      assert_shows_member (texts, item, "value");
    }
}

static const char *
seconds_in_words (gint64 milliseconds)
{
  switch (milliseconds)
    {
    case 1000:
      return "1 second";
    case 1500:
      return "1.5 seconds";
    case 5000:
      return "5 seconds";
    case 10000:
      return "10 seconds";
    default:
      g_error ("No words known for %" G_GINT64_FORMAT " ms", milliseconds);
      return NULL;
    }
}

/* Whether the header says that the connection is archived. */
static gboolean
shows_archived_tag (Fixture *fixture)
{
  g_autoptr(GPtrArray) labels = pb_test_find_all (GTK_WIDGET (fixture->page), GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);

      if (gtk_widget_get_mapped (label) && gtk_widget_has_css_class (label, "pb-tag")
          && g_str_equal (gtk_label_get_text (GTK_LABEL (label)), "Archived"))
        return TRUE;
    }

  return FALSE;
}

/* Every field of a documented connection shows where a person would look for it. */
static void
assert_page_shows_object (Fixture  *fixture,
                          JsonNode *node)
{
  JsonObject *object = json_node_get_object (node);
  JsonObject *auth = json_object_get_object_member (object, "auth");
  JsonObject *request = json_object_get_object_member (object, "request");
  g_autoptr(GPtrArray) texts = page_texts (fixture, FALSE);
  g_autoptr(GPtrArray) all = page_texts (fixture, TRUE);
  g_autofree char *revision = g_strdup_printf ("%" G_GINT64_FORMAT,
                                               json_object_get_int_member (object, "revision"));
  const char *system_type = member_string (object, "systemType");
  const char *auth_type = member_string (auth, "authType");
  const char *example = member_string (object, "exampleValue");
  const char *body = member_string (request, "requestBody");
  g_autoptr(JsonNode) raw = NULL;

  /* General */
  assert_shows_member (texts, object, "name");
  assert_shows_member (texts, object, "description");
  assert_shows_member (texts, object, "ref");
  assert_shows_member (texts, object, "href");
  assert_shows_member (texts, object, "clientKey");
  assert_shows_member (texts, object, "modifiedByRef");
  assert_shows_member (texts, object, "icon");
  g_assert_true (texts_have (row_texts (fixture, "Revision"), revision));
  /* The date in words on the row, as received in its tooltip. */
  g_assert_true (texts_have (all, member_string (object, "modifiedAt")));
  assert_not_shows (row_texts (fixture, "Last Modified"), "Not set");
  if (g_str_equal (system_type, "DATA_SYSTEM"))
    g_assert_true (texts_have (texts, "Data system"));
  else if (g_str_equal (system_type, "DESTINATION"))
    g_assert_true (texts_have (texts, "Destination"));
  else
    g_assert_true (texts_have (texts, system_type));
  g_assert_cmpint (shows_archived_tag (fixture), ==,
                   json_object_get_boolean_member (object, "archived"));

  /* Request */
  assert_shows_member (texts, request, "requestType");
  g_assert_true (texts_have (row_texts (fixture, "URL"), member_string (request, "connectionUrl")));
  if (body != NULL)
    {
      /* As stored, not formatted again; masked by the core's rule of bodies until revealed. */
      g_autofree char *masked = pb_secret_mask_json_text (body);
      g_autoptr(GPtrArray) shown = row_texts (fixture, "Body");

      g_assert_true (texts_have (shown, masked));
    }
  else
    g_assert_true (texts_have (row_texts (fixture, "Body"), "Not set"));

  /* Authentication */
  if (g_str_equal (auth_type, "NONE"))
    g_assert_true (texts_have (row_texts (fixture, "Type"), "No authentication"));
  else if (g_str_equal (auth_type, "OAUTH"))
    {
      g_assert_true (texts_have (row_texts (fixture, "Type"), "OAuth 2.0"));
      assert_shows_member (texts, auth, "clientId");
      assert_shows_member (texts, auth, "accessTokenUrl");
      g_assert_true (texts_have (row_texts (fixture, "Mutual TLS"),
                                 json_object_get_boolean_member (auth, "useMutualTls")
                                 ? "Yes" : "No"));
      assert_shows_name_values (texts, auth, "oauthCustomHeaders", "No custom headers");
      assert_shows_name_values (texts, auth, "formUrlEncodedItems", "No form items");
    }

  /* Headers and URL parameters */
  assert_shows_name_values (texts, object, "customHeaders", "No headers");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object,
                                                                         "urlParameters")),
                    ==, 0);
  assert_shows (texts, "No URL parameters");

  /* Mappings */
  {
    JsonArray *inputs = json_object_get_array_member (object, "inputMappings");
    JsonArray *outputs = json_object_get_array_member (object, "outputMappings");

    if (json_array_get_length (inputs) == 0)
      assert_shows (texts, "No input mappings");
    for (guint i = 0; i < json_array_get_length (inputs); i++)
      {
        JsonObject *mapping = json_array_get_object_element (inputs, i);

        assert_shows_member (texts, mapping, "label");
        assert_shows_member (texts, mapping, "key");
        assert_shows_member (texts, mapping, "type");
        /* An example of a secret-looking key is masked till the page reveals secrets. */
        if (pb_secret_name_looks_secret (member_string (mapping, "key")) &&
            member_string (mapping, "exampleValue")[0] != '\0')
          {
            g_autofree char *masked = pb_secret_mask (member_string (mapping, "exampleValue"));

            assert_not_shows (texts, member_string (mapping, "exampleValue"));
            assert_shows (texts, masked);
          }
        else
          assert_shows_member (texts, mapping, "exampleValue");
        assert_shows_member (texts, mapping, "mapping");
      }

    if (json_array_get_length (outputs) == 0)
      assert_shows (texts, "No output mappings");
    for (guint i = 0; i < json_array_get_length (outputs); i++)
      {
        JsonObject *mapping = json_array_get_object_element (outputs, i);

        assert_shows_member (texts, mapping, "label");
        assert_shows_member (texts, mapping, "outputReference");
        assert_shows_member (texts, mapping, "type");
      }
  }

  /* Timeouts */
  g_assert_true (texts_have (row_texts (fixture, "Connection Timeout"),
                             seconds_in_words (json_object_get_int_member (object,
                                                                           "connectionTimeout"))));
  g_assert_true (texts_have (row_texts (fixture, "Read Timeout"),
                             seconds_in_words (json_object_get_int_member (object,
                                                                           "socketTimeout"))));

  /* Example value */
  if (example[0] == '\0')
    g_assert_true (texts_have (row_texts (fixture, "Example Value"), "Not set"));
  else
    {
      g_autofree char *masked = pb_secret_mask_json_text (example);
      g_autoptr(JsonNode) expected = parse_json (masked);

      assert_row_shows_json (fixture, "Example Value", expected);
    }

  /* The whole object as received, once the page reveals secrets (masked till then). */
  raw = json_node_copy (node);
  pb_connection_page_set_reveal_secrets (fixture->page, TRUE);
  assert_row_shows_json (fixture, "JSON", raw);
  pb_connection_page_set_reveal_secrets (fixture->page, FALSE);

  assert_not_shows (all, "(null)");
}

/* Tests */

static void
test_fixtures (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) objects = fixture_objects ();

  for (guint i = 0; i < objects->len; i++)
    {
      JsonNode *node = g_ptr_array_index (objects, i);
      g_autofree char *text = node_to_text (node);

      g_test_message ("fixture connection %u: %s", i,
                      json_object_get_string_member (json_node_get_object (node), "name"));
      fixture_show_text (fixture, text);
      assert_page_shows_object (fixture, node);
      fixture_release (fixture);
    }
}

/* The page is made for the fixture files too, exactly as the server sends them. */
static void
test_fixture_files (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *list = pb_test_read_fixture ("list-connections.json");
  g_autofree char *single = pb_test_read_fixture ("connection-destination.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) connections = pb_connection_parse_list (list, -1, &error);
  g_autoptr(JsonNode) single_node = parse_json (single);
  g_autoptr(JsonNode) list_node = parse_json (list);
  JsonArray *items = json_object_get_array_member (json_node_get_object (list_node), "items");

  g_assert_no_error (error);
  g_assert_cmpuint (connections->len, ==, json_array_get_length (items));

  for (guint i = 0; i < connections->len; i++)
    {
      fixture_show (fixture, g_object_ref (g_ptr_array_index (connections, i)));
      assert_page_shows_object (fixture, json_array_get_element (items, i));
    }

  fixture_show_text (fixture, single);
  assert_page_shows_object (fixture, single_node);
}

static void
test_unknown_fields (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *text =
    "{\"ref\": \"9f0c7a52-0000-4000-8000-000000000001\", \"name\": \"Legacy CRM\","
    " \"systemType\": \"CUSTOM_SYSTEM\","
    " \"auth\": {\"authType\": \"BASIC_DIGEST\", \"realm\": \"crm\"},"
    " \"request\": {\"requestType\": \"PATCH\", \"connectionUrl\": \"https://crm.example/${id}\"},"
    " \"urlParameters\": [{\"weird\": [1, 2]}],"
    " \"futureField\": {\"nested\": [true, null, 3.25]}}";
  PbConnection *connection = connection_from_text (text);
  g_autoptr(JsonNode) expected = parse_json (text);
  g_autoptr(GPtrArray) texts = NULL;

  fixture_show (fixture, connection);
  texts = page_texts (fixture, FALSE);

  g_assert_true (texts_have (row_texts (fixture, "Type"), "BASIC_DIGEST"));
  g_assert_true (texts_have (texts, "CUSTOM_SYSTEM"));
  g_assert_true (texts_have (row_texts (fixture, "Method"), "PATCH"));
  g_assert_true (texts_have (row_texts (fixture, "URL"), "https://crm.example/${id}"));
  /* An item of unknown shape shows as its JSON. */
  assert_shows (texts, "weird");
  assert_row_shows_json (fixture, "JSON", expected);
  assert_shows (texts, "futureField");
  assert_shows (texts, "realm");

}

static void
test_missing_fields (Fixture       *fixture,
                     gconstpointer  data)
{
  PbConnection *connection = connection_from_text ("{\"name\": \"Bare\"}");
  const char *rows[] = {
    "Description", "Reference", "API Link", "Client Key", "Revision", "Last Modified",
    "Modified By", "Icon", "Method", "URL", "Body", "Type",
    "Connection Timeout", "Read Timeout", "Example Value",
  };
  const char *empty[] = {
    "No headers", "No URL parameters", "No input mappings", "No output mappings",
  };
  /* Without authentication the page shows nothing of OAuth. */
  const char *oauth_only[] = {
    "Client ID", "Access Token URL", "Mutual TLS", "No custom headers", "No form items",
  };
  g_autoptr(GPtrArray) texts = NULL;

  fixture_show (fixture, connection);
  texts = page_texts (fixture, TRUE);

  g_assert_true (texts_have (texts, "Bare"));
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(GPtrArray) row = row_texts (fixture, rows[i]);

      if (!texts_have (row, "Not set"))
        g_error ("The row “%s” does not say “Not set”", rows[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (empty); i++)
    assert_shows (texts, empty[i]);
  for (guint i = 0; i < G_N_ELEMENTS (oauth_only); i++)
    assert_not_shows (texts, oauth_only[i]);

  for (guint i = 0; i < texts->len; i++)
    {
      const char *shown = g_ptr_array_index (texts, i);

      g_assert_cmpstr (shown, !=, "");
      g_assert_null (strstr (shown, "(null)"));
    }

}

typedef struct
{
  Fixture    *fixture;
  const char *text;
} ShowsData;

static gboolean
page_shows (gpointer data)
{
  ShowsData *shows = data;
  g_autoptr(GPtrArray) texts = page_texts (shows->fixture, FALSE);

  return texts_have (texts, shows->text) && page_is_ready (shows->fixture);
}

/* The page follows the connection when a reload updates it in place. */
static void
test_updates (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *single = pb_test_read_fixture ("connection-destination.json");
  g_autoptr(JsonNode) node = parse_json (single);
  JsonObject *object = json_node_get_object (node);
  g_autoptr(JsonNode) header = parse_json ("{\"name\": \"X-Added\", \"value\": \"added-value\"}");
  PbConnection *connection = connection_from_text (single);
  g_autoptr(PbConnection) newer = NULL;
  g_autofree char *newer_text = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  ShowsData shows;

  fixture_show (fixture, connection);

  json_object_set_string_member (object, "name", "Weather Data System, renamed");
  json_object_set_int_member (object, "revision", 7);
  json_object_set_int_member (object, "socketTimeout", 1500);
  json_object_set_boolean_member (object, "archived", TRUE);
  json_array_add_element (json_object_get_array_member (object, "customHeaders"),
                          json_node_copy (header));
  json_array_remove_element (json_object_get_array_member (object, "inputMappings"), 1);
  newer_text = node_to_text (node);
  newer = connection_from_text (newer_text);
  pb_connection_update_from (connection, newer);

  shows = (ShowsData) { fixture, "Weather Data System, renamed" };
  pb_test_wait_until (page_shows, &shows, "the new name");
  shows = (ShowsData) { fixture, "added-value" };
  pb_test_wait_until (page_shows, &shows, "the added header");

  texts = page_texts (fixture, FALSE);
  g_assert_true (texts_have (row_texts (fixture, "Revision"), "7"));
  g_assert_true (texts_have (row_texts (fixture, "Read Timeout"), "1.5 seconds"));
  g_assert_true (shows_archived_tag (fixture));
  g_assert_true (texts_have (texts, "X-Added"));
  g_assert_true (texts_have (texts, "Key"));
  g_assert_false (texts_have (texts, "message"));
  pb_connection_page_set_reveal_secrets (fixture->page, TRUE);
  assert_row_shows_json (fixture, "JSON", node);
  pb_connection_page_set_reveal_secrets (fixture->page, FALSE);

  /* Another connection replaces it; then none. */
  pb_connection_page_set_connection (fixture->page, newer);
  g_assert_true (pb_connection_page_get_connection (fixture->page) == newer);
  pb_connection_page_set_connection (fixture->page, NULL);
  g_assert_null (pb_connection_page_get_connection (fixture->page));
  pb_test_wait_until (page_is_ready, fixture, "the empty page");
  g_clear_pointer (&texts, g_ptr_array_unref);
  texts = page_texts (fixture, FALSE);
  g_assert_true (texts_have (texts, "No Connection Selected"));

}

static GtkShortcut *
find_shortcut (GtkWidget              *widget,
               const char             *accelerator,
               GtkShortcutController **found_in)
{
  g_autoptr(GtkShortcutTrigger) trigger = gtk_shortcut_trigger_parse_string (accelerator);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), trigger))
            {
              *found_in = GTK_SHORTCUT_CONTROLLER (controller);
              return shortcut;
            }
        }
    }

  return NULL;
}

/* The API link answers only with the account's token, which a browser does not have: the row
 * copies it and offers nothing to open it with. */
static void
test_api_link_copied_not_opened (Fixture       *fixture,
                                 gconstpointer  data)
{
  PbConnection *connection =
    connection_from_text ("{\"name\": \"Link\", "
                          "\"href\": \"https://api-engage-eu.sitecorecloud.io/v2/connections/1\"}");
  g_autoptr(GPtrArray) buttons = NULL;
  guint shown = 0;

  fixture_show (fixture, connection);
  buttons = pb_test_find_all (GTK_WIDGET (find_row (fixture, "API Link")), GTK_TYPE_BUTTON);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (buttons, i);

      if (!gtk_widget_get_mapped (button))
        continue;
      g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Copy API Link");
      shown++;
    }
  g_assert_cmpuint (shown, ==, 1);
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "page.open-href", NULL));
  fixture_release (fixture);
}

/* The JSON of the page is formatted, not the text as received: its group says so, and its
 * Copy button is named as the menu's Copy JSON. */
static void
test_json_says_formatted (Fixture       *fixture,
                          gconstpointer  data)
{
  PbConnection *connection = connection_from_text ("{\"name\": \"Compact\",\"revision\":3}");
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GPtrArray) shown = NULL;
  AdwPreferencesGroup *group = NULL;
  GtkWidget *copy;

  fixture_show (fixture, connection);
  groups = pb_test_find_all (GTK_WIDGET (fixture->page), ADW_TYPE_PREFERENCES_GROUP);
  for (guint i = 0; i < groups->len; i++)
    {
      const char *title = adw_preferences_group_get_title (g_ptr_array_index (groups, i));

      g_assert_cmpstr (title, !=, "Raw JSON");
      if (g_strcmp0 (title, "JSON") == 0)
        group = g_ptr_array_index (groups, i);
    }
  g_assert_nonnull (group);
  g_assert_nonnull (strstr (adw_preferences_group_get_description (group), "formatted"));

  copy = find_button (fixture, "page.copy-json");
  g_assert_true (gtk_widget_is_ancestor (copy, GTK_WIDGET (group)));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (copy), ==, "Copy JSON");
  /* What it shows is formatted: one member a line. */
  shown = row_texts (fixture, "JSON");
  g_assert_true (texts_contain (shown, "\"Compact\",\n  \"revision\""));
  fixture_release (fixture);
}

static void
test_reload (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *single = pb_test_read_fixture ("connection-destination.json");
  PbConnection *connection = connection_from_text (single);
  GtkWidget *button;
  GtkShortcut *shortcut;
  GtkShortcutController *controller = NULL;
  g_autofree char *action = NULL;

  fixture_show (fixture, connection);

  button = find_button (fixture, "win.reload-connection");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Reload Connection");
  g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (button)), ==, "view-refresh-symbolic");
  pb_test_click (button);
  g_assert_cmpuint (fixture->reloads, ==, 1);

  /* Ctrl+R inside the page: a shortcut of the page itself, so it comes before the window's. */
  shortcut = find_shortcut (GTK_WIDGET (fixture->page), "<Control>r", &controller);
  g_assert_nonnull (shortcut);
  g_assert_cmpint (gtk_shortcut_controller_get_scope (controller), ==, GTK_SHORTCUT_SCOPE_LOCAL);
  action = gtk_shortcut_action_to_string (gtk_shortcut_get_action (shortcut));
  g_assert_cmpstr (action, ==, "action(win.reload-connection)");
  g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                               GTK_WIDGET (fixture->page), NULL));
  g_assert_cmpuint (fixture->reloads, ==, 2);

}

static gboolean
overlay_shows_toast (gpointer data)
{
  Fixture *fixture = data;
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

  collect_texts (GTK_WIDGET (fixture->overlay), texts, FALSE);
  return texts_have (texts, "Copied to clipboard");
}

static void
test_copy (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *single = pb_test_read_fixture ("connection-destination.json");
  g_autoptr(JsonNode) expected = parse_json (single);
  PbConnection *connection = connection_from_text (single);
  PbPageProperty *row;
  g_autoptr(GPtrArray) buttons = NULL;
  g_autofree char *copied = NULL;
  g_autofree char *json = NULL;
  g_autofree char *masked = NULL;
  g_autoptr(JsonNode) copied_json = NULL;

  fixture_show (fixture, connection);

  row = find_row (fixture, "Reference");
  buttons = pb_test_find_all (GTK_WIDGET (row), GTK_TYPE_BUTTON);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (buttons, i);

      if (g_strcmp0 (gtk_widget_get_tooltip_text (button), "Copy Reference") == 0)
        pb_test_click (button);
    }
  copied = read_clipboard (fixture);
  g_assert_cmpstr (copied, ==, "47c20b31-b5d8-492f-94e5-064958716c21");
  pb_test_wait_until (overlay_shows_toast, fixture, "the toast");

  /* Copy JSON copies what the JSON row shows: masked by the rule, as received once
   * revealed. */
  pb_test_click (find_button (fixture, "page.copy-json"));
  json = read_clipboard (fixture);
  masked = pb_export_connection (connection, FALSE, NULL);
  g_assert_cmpstr (json, ==, masked);
  g_clear_pointer (&json, g_free);
  pb_connection_page_set_reveal_secrets (fixture->page, TRUE);
  pb_test_click (find_button (fixture, "page.copy-json"));
  json = read_clipboard (fixture);
  copied_json = parse_json (json);
  g_assert_true (json_node_equal (copied_json, expected));

}

static void
test_timeouts_in_words (Fixture       *fixture,
                        gconstpointer  data)
{
  const struct
  {
    const char *json;
    const char *words;
  } cases[] = {
    { "1000", "1 second" },
    { "10000", "10 seconds" },
    { "1500", "1.5 seconds" },
    { "1250", "1.25 seconds" },
    { "500", "500 milliseconds" },
    { "1", "1 millisecond" },
    { "0", "0 milliseconds" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("{\"name\": \"T\", \"connectionTimeout\": %s,"
                                               " \"socketTimeout\": %s}",
                                               cases[i].json, cases[i].json);
      PbConnection *connection = connection_from_text (text);

      fixture_show (fixture, connection);
      g_assert_true (texts_have (row_texts (fixture, "Connection Timeout"), cases[i].words));
      g_assert_true (texts_have (row_texts (fixture, "Read Timeout"), cases[i].words));
      fixture_release (fixture);
    }
}

/* Markup characters in values show as they are, and placeholders are marked. */
static void
test_markup_and_placeholders (Fixture       *fixture,
                              gconstpointer  data)
{
  PbConnection *connection = connection_from_text (
    "{\"name\": \"<b>Tags</b> & \\\"quotes\\\"\","
    " \"request\": {\"requestType\": \"POST\","
    "   \"connectionUrl\": \"https://x.example/a?b=<c>&d=${city}\","
    "   \"requestBody\": \"{\\\"n\\\": ${count}, \\\"s\\\": \\\"<&>\\\"}\"}}");
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(GPtrArray) body = NULL;
  gboolean marked = FALSE;

  fixture_show (fixture, connection);
  texts = page_texts (fixture, FALSE);

  g_assert_true (texts_have (texts, "<b>Tags</b> & \"quotes\""));
  g_assert_true (texts_have (row_texts (fixture, "URL"), "https://x.example/a?b=<c>&d=${city}"));
  body = row_texts (fixture, "Body");
  /* The body as stored: its spaces and line breaks may be what the service expects. */
  g_assert_true (texts_have (body, "{\"n\": ${count}, \"s\": \"<&>\"}"));

  /* The placeholder of the URL has its own look. */
  labels = pb_test_find_all (GTK_WIDGET (find_row (fixture, "URL")), GTK_TYPE_LABEL);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (labels, i);

      if (gtk_label_get_use_markup (label)
          && strstr (gtk_label_get_label (label), "<span") != NULL
          && strstr (gtk_label_get_label (label), ">${city}</span>") != NULL)
        marked = TRUE;
    }
  g_assert_true (marked);

  /* And so does the one of the body. */
  {
    g_autoptr(GPtrArray) views = NULL;
    GtkTextBuffer *buffer;
    GtkTextTag *tag;
    GtkTextIter start, end;
    g_autofree char *tagged = NULL;

    views = pb_test_find_all (GTK_WIDGET (find_row (fixture, "Body")), GTK_TYPE_TEXT_VIEW);
    g_assert_cmpuint (views->len, ==, 1);
    buffer = gtk_text_view_get_buffer (g_ptr_array_index (views, 0));
    tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "placeholder");
    g_assert_nonnull (tag);
    gtk_text_buffer_get_start_iter (buffer, &start);
    g_assert_true (gtk_text_iter_forward_to_tag_toggle (&start, tag));
    end = start;
    g_assert_true (gtk_text_iter_forward_to_tag_toggle (&end, tag));
    tagged = gtk_text_iter_get_text (&start, &end);
    g_assert_cmpstr (tagged, ==, "${count}");
    g_assert_false (gtk_text_iter_forward_to_tag_toggle (&end, tag));
  }

}

/* Very long values neither stall the page nor break its layout, and copying gives them whole. */
static void
test_long_values (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GString) example = g_string_new ("{\"items\":[");
  g_autoptr(GString) description = g_string_new (NULL);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  g_autofree char *copied = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(GPtrArray) buttons = NULL;
  g_autoptr(JsonNode) example_node = NULL;
  g_autoptr(JsonNode) copied_node = NULL;
  PbConnection *connection;

  for (guint i = 0; i < 300; i++)
    g_string_append_printf (example, "%s{\"id\":%u,\"name\":\"item %u\",\"tags\":[\"a\",\"b\"]}",
                            i ? "," : "", i, i);
  g_string_append (example, "]}");
  for (guint i = 0; i < 1000; i++)
    g_string_append (description, "word ");
  g_string_append (description, "end");

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, description->str);
  json_builder_set_member_name (builder, "description");
  json_builder_add_string_value (builder, description->str);
  json_builder_set_member_name (builder, "exampleValue");
  json_builder_add_string_value (builder, example->str);
  json_builder_set_member_name (builder, "customHeaders");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, description->str);
  json_builder_set_member_name (builder, "value");
  json_builder_add_string_value (builder, "long-name-value");
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "inputMappings");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "label");
  json_builder_add_string_value (builder, description->str);
  json_builder_set_member_name (builder, "exampleValue");
  json_builder_add_string_value (builder, example->str);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  text = node_to_text (root);
  connection = connection_from_text (text);

  fixture_show (fixture, connection);
  texts = page_texts (fixture, FALSE);

  /* The example value is all there, in a block that scrolls. */
  example_node = parse_json (example->str);
  assert_row_shows_json (fixture, "Example Value", example_node);
  assert_shows (texts, "\"name\": \"item 299\"");
  /* The description shows shortened (the raw view has it all). */
  {
    g_autoptr(GPtrArray) row = row_texts (fixture, "Description");

    assert_shows (row, "word word");
    assert_not_shows (row, "end");
  }

  /* So does a header with a name as long. */
  {
    g_autoptr(GPtrArray) row = row_texts (fixture, description->str);

    assert_shows (row, "long-name-value");
    assert_not_shows (row, "end");
  }

  /* Copying gives the whole value. */
  buttons = pb_test_find_all (GTK_WIDGET (find_row (fixture, "Example Value")), GTK_TYPE_BUTTON);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_widget_get_tooltip_text (g_ptr_array_index (buttons, i)),
                   "Copy Example Value") == 0)
      pb_test_click (g_ptr_array_index (buttons, i));
  copied = read_clipboard (fixture);
  copied_node = parse_json (copied);
  g_assert_true (json_node_equal (copied_node, example_node));

}

/* Known icons show as themed icons beside their raw value; others as the raw value only. */
static void
test_icons (Fixture       *fixture,
            gconstpointer  data)
{
  const struct
  {
    const char *icon;
    const char *icon_name;
  } cases[] = {
    { "fad fa-sms", "chat-message-new-symbolic" },
    { "assets/images/channel-images/email.svg", "mail-unread-symbolic" },
    { "fas fa-mobile-alt", "phone-symbolic" },
    { "assets/images/icons/connections/infare.png", NULL },
    { "assets/images/icons/connections/weather.png", "weather-few-clouds-symbolic" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("{\"name\": \"Icon\", \"icon\": \"%s\"}",
                                               cases[i].icon);
      PbConnection *connection = connection_from_text (text);
      g_autofree char *icon_name = NULL;
      const char *expected = cases[i].icon_name;
      PbPageProperty *row;

      fixture_show (fixture, connection);

      row = find_row (fixture, "Icon");
      g_assert_true (texts_have (row_texts (fixture, "Icon"), cases[i].icon));
      g_object_get (row, "icon-name", &icon_name, NULL);
      /* Only icons the theme has are shown. */
      if (expected != NULL
          && !gtk_icon_theme_has_icon (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                       expected))
        expected = NULL;
      g_assert_cmpstr (icon_name, ==, expected);

      fixture_release (fixture);
    }
}

/* Narrow windows: the page fits in 360 pixels and still shows its values. */
static void
test_narrow (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *single = pb_test_read_fixture ("connection-destination.json");
  g_autoptr(JsonNode) node = parse_json (single);
  PbConnection *connection = connection_from_text (single);
  int minimum = 0;

  gtk_window_set_default_size (fixture->window, 360, 640);
  fixture_show (fixture, connection);

  gtk_widget_measure (GTK_WIDGET (fixture->page), GTK_ORIENTATION_HORIZONTAL, -1,
                      &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);
  assert_page_shows_object (fixture, node);

}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  fixture_add_test ("/connection-page/fixtures", test_fixtures);
  fixture_add_test ("/connection-page/fixture-files", test_fixture_files);
  fixture_add_test ("/connection-page/unknown-fields", test_unknown_fields);
  fixture_add_test ("/connection-page/missing-fields", test_missing_fields);
  fixture_add_test ("/connection-page/updates", test_updates);
  fixture_add_test ("/connection-page/reload", test_reload);
  fixture_add_test ("/connection-page/json-says-formatted", test_json_says_formatted);
  fixture_add_test ("/connection-page/api-link-copied-not-opened",
                    test_api_link_copied_not_opened);
  fixture_add_test ("/connection-page/copy", test_copy);
  fixture_add_test ("/connection-page/timeouts-in-words", test_timeouts_in_words);
  fixture_add_test ("/connection-page/markup-and-placeholders", test_markup_and_placeholders);
  fixture_add_test ("/connection-page/icons", test_icons);
  fixture_add_test ("/connection-page/narrow", test_narrow);
  fixture_add_test ("/connection-page/long-values", test_long_values);

  return g_test_run ();
}
