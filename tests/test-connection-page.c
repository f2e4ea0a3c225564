/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-connection-page"

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "pb-connection-page.h"
#include "pb-page-property.h"

/* Waiting is by condition, with a bound far beyond any real need. */
#define WAIT_LIMIT_SECONDS 60

typedef gboolean (*Condition) (gpointer data);

static gboolean
wake_up (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static void
wait_until (Condition  condition,
            gpointer   data,
            const char *what)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_LIMIT_SECONDS * G_USEC_PER_SEC;
  guint tick = g_timeout_add (20, wake_up, NULL);

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Gave up waiting for %s", what);
      g_main_context_iteration (NULL, TRUE);
    }

  g_source_remove (tick);
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* Fixtures */

static char *
read_fixture (const char *name,
              gsize      *length)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
  g_autoptr(GError) error = NULL;
  char *data = NULL;

  g_file_get_contents (path, &data, length, &error);
  g_assert_no_error (error);

  return data;
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);

  return json_node_copy (json_parser_get_root (parser));
}

static JsonNode *
try_parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (!json_parser_load_from_data (parser, text, -1, NULL) || json_parser_get_root (parser) == NULL)
    return NULL;

  return json_node_copy (json_parser_get_root (parser));
}

static PbConnection *
connection_from_text (const char *text)
{
  g_autoptr(GError) error = NULL;
  PbConnection *connection = pb_connection_new_from_data (text, -1, &error);

  g_assert_no_error (error);
  g_assert_true (PB_IS_CONNECTION (connection));

  return connection;
}

/* The objects of all fixtures that hold connections, as JSON nodes. */
static GPtrArray *
fixture_objects (void)
{
  GPtrArray *objects = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  g_autofree char *list = read_fixture ("list-connections.json", NULL);
  g_autofree char *single = read_fixture ("connection-destination.json", NULL);
  g_autoptr(JsonNode) list_root = parse_json (list);
  JsonArray *items = json_object_get_array_member (json_node_get_object (list_root), "items");

  for (guint i = 0; i < json_array_get_length (items); i++)
    g_ptr_array_add (objects, json_node_copy (json_array_get_element (items, i)));
  g_ptr_array_add (objects, parse_json (single));

  g_assert_cmpuint (objects->len, >=, 2);
  return objects;
}

static char *
node_to_text (JsonNode *node)
{
  return json_to_string (node, FALSE);
}

/* Windows and text on screen */

typedef struct
{
  GtkWindow        *window;
  AdwToastOverlay  *overlay;
  PbConnectionPage *page;
  guint             reloads;
} Fixture;

static void
on_reload (GSimpleAction *action,
           GVariant      *parameter,
           gpointer       user_data)
{
  Fixture *fixture = user_data;

  fixture->reloads++;
}

static void
fixture_open (Fixture *fixture)
{
  g_autoptr(GSimpleAction) reload = g_simple_action_new ("reload-connection", NULL);

  fixture->window = g_object_new (ADW_TYPE_APPLICATION_WINDOW,
                                  "default-width", 1100,
                                  "default-height", 800,
                                  NULL);
  fixture->overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  fixture->page = PB_CONNECTION_PAGE (pb_connection_page_new ());
  adw_toast_overlay_set_child (fixture->overlay, GTK_WIDGET (fixture->page));
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (fixture->window),
                                      GTK_WIDGET (fixture->overlay));

  g_signal_connect (reload, "activate", G_CALLBACK (on_reload), fixture);
  g_action_map_add_action (G_ACTION_MAP (fixture->window), G_ACTION (reload));

  gtk_window_present (fixture->window);
}

/* Destroys the window and checks that the page and `connection` (whose reference the caller
 * gives up) are freed. */
static void
fixture_close (Fixture      *fixture,
               PbConnection *connection)
{
  gpointer page = fixture->page;
  gpointer weak_connection = connection;

  g_object_add_weak_pointer (G_OBJECT (page), &page);
  if (connection != NULL)
    {
      g_object_add_weak_pointer (G_OBJECT (connection), &weak_connection);
      g_object_unref (connection);
    }

  gtk_window_destroy (fixture->window);
  wait_until (is_null, &page, "the page to be finalized");
  wait_until (is_null, &weak_connection, "the connection to be finalized");
}

/* What a click does (gtk_widget_activate() would wait for the press animation). */
static void
click (GtkWidget *button)
{
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

/* Takes the page off `connection`, drops the caller's reference and checks that the
 * connection is freed, while the window stays for the next case. */
static void
fixture_release (Fixture      *fixture,
                 PbConnection *connection)
{
  gpointer weak = connection;

  g_object_add_weak_pointer (G_OBJECT (connection), &weak);
  pb_connection_page_set_connection (fixture->page, NULL);
  g_object_unref (connection);
  wait_until (is_null, &weak, "the connection to be finalized");
}

static gboolean
is_shown (GtkWidget *widget)
{
  return gtk_widget_get_mapped (widget);
}

static void
collect_texts (GtkWidget *widget,
               GPtrArray *texts,
               gboolean   tooltips)
{
  if (!is_shown (widget))
    return;

  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (texts, g_strdup (gtk_label_get_text (GTK_LABEL (widget))));
  if (GTK_IS_TEXT_VIEW (widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      g_ptr_array_add (texts, gtk_text_buffer_get_text (buffer, &start, &end, TRUE));
      g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (widget)));
    }
  if (tooltips && gtk_widget_get_tooltip_text (widget) != NULL)
    g_ptr_array_add (texts, g_strdup (gtk_widget_get_tooltip_text (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_texts (child, texts, tooltips);
}

/* Everything the page shows: labels, table cells and (with `tooltips`) tooltips. */
static GPtrArray *
page_texts (Fixture  *fixture,
            gboolean  tooltips)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);

  collect_texts (GTK_WIDGET (fixture->page), texts, tooltips);
  return texts;
}

static gboolean
texts_contain (GPtrArray  *texts,
               const char *needle)
{
  for (guint i = 0; i < texts->len; i++)
    if (strstr (g_ptr_array_index (texts, i), needle) != NULL)
      return TRUE;
  return FALSE;
}

static gboolean
texts_have (GPtrArray  *texts,
            const char *text)
{
  for (guint i = 0; i < texts->len; i++)
    if (g_str_equal (g_ptr_array_index (texts, i), text))
      return TRUE;
  return FALSE;
}

#define assert_shows(texts, needle)                                                  \
  G_STMT_START {                                                                     \
    if (!texts_contain ((texts), (needle)))                                          \
      g_error ("The page does not show “%s”", (needle));                             \
  } G_STMT_END

#define assert_not_shows(texts, needle)                                              \
  G_STMT_START {                                                                     \
    if (texts_contain ((texts), (needle)))                                           \
      g_error ("The page shows “%s”", (needle));                                     \
  } G_STMT_END

static void
find_widgets (GtkWidget *widget,
              GType      type,
              GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    find_widgets (child, type, found);
}

static guint
count_labels (GtkWidget *widget)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  find_widgets (widget, GTK_TYPE_LABEL, labels);
  return labels->len;
}

/* Whether the page is on screen with every table row made. */
static gboolean
page_is_ready (gpointer data)
{
  Fixture *fixture = data;
  g_autoptr(GPtrArray) views = g_ptr_array_new ();

  if (!gtk_widget_get_mapped (GTK_WIDGET (fixture->page)))
    return FALSE;

  find_widgets (GTK_WIDGET (fixture->page), GTK_TYPE_COLUMN_VIEW, views);
  for (guint i = 0; i < views->len; i++)
    {
      GtkColumnView *view = g_ptr_array_index (views, i);
      GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (view));
      GListModel *columns = gtk_column_view_get_columns (view);
      guint n_items = model ? g_list_model_get_n_items (model) : 0;
      guint n_columns = g_list_model_get_n_items (columns);

      if (!gtk_widget_get_mapped (GTK_WIDGET (view)))
        continue;
      /* Column titles, then one label per cell. */
      if (count_labels (GTK_WIDGET (view)) < n_columns + n_items * n_columns)
        return FALSE;
    }

  /* Not "until nothing is pending": a slow machine may always have a frame to draw. */
  return gtk_widget_get_height (GTK_WIDGET (fixture->page)) > 0;
}

static void
show_connection (Fixture      *fixture,
                 PbConnection *connection)
{
  pb_connection_page_set_connection (fixture->page, connection);
  g_assert_true (pb_connection_page_get_connection (fixture->page) == connection);
  wait_until (page_is_ready, fixture, "the page to be drawn");
}

static PbPageProperty *
find_row (Fixture    *fixture,
          const char *title)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  find_widgets (GTK_WIDGET (fixture->page), PB_TYPE_PAGE_PROPERTY, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      AdwPreferencesRow *row = g_ptr_array_index (rows, i);

      if (g_strcmp0 (adw_preferences_row_get_title (row), title) == 0
          && gtk_widget_get_mapped (GTK_WIDGET (row)))
        return PB_PAGE_PROPERTY (row);
    }

  g_error ("No row “%s” on the page", title);
  return NULL;
}

/* The texts one row shows. */
static GPtrArray *
row_texts (Fixture    *fixture,
           const char *title)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);

  collect_texts (GTK_WIDGET (find_row (fixture, title)), texts, FALSE);
  return texts;
}

/* Asserts that the row shows JSON equal to `expected` (pretty-printed or not). */
static void
assert_row_shows_json (Fixture    *fixture,
                       const char *title,
                       JsonNode   *expected)
{
  g_autoptr(GPtrArray) texts = row_texts (fixture, title);

  for (guint i = 0; i < texts->len; i++)
    {
      g_autoptr(JsonNode) shown = try_parse_json (g_ptr_array_index (texts, i));

      if (shown != NULL && json_node_get_node_type (shown) == json_node_get_node_type (expected)
          && json_node_equal (shown, expected))
        return;
    }

  g_error ("The row “%s” does not show the JSON expected", title);
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
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  find_widgets (GTK_WIDGET (fixture->page), GTK_TYPE_LABEL, labels);
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
      g_autoptr(JsonNode) expected = parse_json (body);

      assert_row_shows_json (fixture, "Body", expected);
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
      g_autoptr(JsonNode) expected = parse_json (example);

      assert_row_shows_json (fixture, "Example Value", expected);
    }

  /* The whole object as received. */
  raw = json_node_copy (node);
  assert_row_shows_json (fixture, "Raw JSON", raw);

  assert_not_shows (all, "(null)");
}

/* Tests */

static void
test_fixtures (void)
{
  g_autoptr(GPtrArray) objects = fixture_objects ();
  Fixture fixture = { 0 };

  fixture_open (&fixture);
  for (guint i = 0; i < objects->len; i++)
    {
      JsonNode *node = g_ptr_array_index (objects, i);
      g_autofree char *text = node_to_text (node);
      PbConnection *connection = connection_from_text (text);

      g_test_message ("fixture connection %u: %s", i,
                      json_object_get_string_member (json_node_get_object (node), "name"));
      show_connection (&fixture, connection);
      assert_page_shows_object (&fixture, node);
      fixture_release (&fixture, connection);
    }
  fixture_close (&fixture, NULL);
}

/* The page is made for the fixture files too, exactly as the server sends them. */
static void
test_fixture_files (void)
{
  g_autofree char *list = read_fixture ("list-connections.json", NULL);
  g_autofree char *single = read_fixture ("connection-destination.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) connections = pb_connection_parse_list (list, -1, &error);
  g_autoptr(JsonNode) single_node = parse_json (single);
  g_autoptr(JsonNode) list_node = parse_json (list);
  JsonArray *items = json_object_get_array_member (json_node_get_object (list_node), "items");
  PbConnection *connection;
  Fixture fixture = { 0 };

  g_assert_no_error (error);
  g_assert_cmpuint (connections->len, ==, json_array_get_length (items));

  fixture_open (&fixture);
  for (guint i = 0; i < connections->len; i++)
    {
      show_connection (&fixture, g_ptr_array_index (connections, i));
      assert_page_shows_object (&fixture, json_array_get_element (items, i));
    }

  connection = connection_from_text (single);
  show_connection (&fixture, connection);
  assert_page_shows_object (&fixture, single_node);
  fixture_close (&fixture, connection);
}

static void
test_unknown_fields (void)
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
  Fixture fixture = { 0 };

  fixture_open (&fixture);
  show_connection (&fixture, connection);
  texts = page_texts (&fixture, FALSE);

  g_assert_true (texts_have (row_texts (&fixture, "Type"), "BASIC_DIGEST"));
  g_assert_true (texts_have (texts, "CUSTOM_SYSTEM"));
  g_assert_true (texts_have (row_texts (&fixture, "Method"), "PATCH"));
  g_assert_true (texts_have (row_texts (&fixture, "URL"), "https://crm.example/${id}"));
  /* An item of unknown shape shows as its JSON. */
  assert_shows (texts, "weird");
  assert_row_shows_json (&fixture, "Raw JSON", expected);
  assert_shows (texts, "futureField");
  assert_shows (texts, "realm");

  fixture_close (&fixture, connection);
}

static void
test_missing_fields (void)
{
  PbConnection *connection = connection_from_text ("{\"name\": \"Bare\"}");
  const char *rows[] = {
    "Description", "Reference", "API Link", "Client Key", "Revision", "Last Modified",
    "Modified By", "Icon", "Method", "URL", "Body", "Type", "Client ID", "Access Token URL",
    "Connection Timeout", "Read Timeout", "Example Value",
  };
  const char *empty[] = {
    "No headers", "No URL parameters", "No input mappings", "No output mappings",
    "No custom headers", "No form items",
  };
  g_autoptr(GPtrArray) texts = NULL;
  Fixture fixture = { 0 };

  fixture_open (&fixture);
  show_connection (&fixture, connection);
  texts = page_texts (&fixture, TRUE);

  g_assert_true (texts_have (texts, "Bare"));
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(GPtrArray) row = row_texts (&fixture, rows[i]);

      if (!texts_have (row, "Not set"))
        g_error ("The row “%s” does not say “Not set”", rows[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (empty); i++)
    assert_shows (texts, empty[i]);

  for (guint i = 0; i < texts->len; i++)
    {
      const char *shown = g_ptr_array_index (texts, i);

      g_assert_cmpstr (shown, !=, "");
      g_assert_null (strstr (shown, "(null)"));
    }

  fixture_close (&fixture, connection);
}

static GtkToggleButton *
reveal_button_of (PbPageProperty *row)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  find_widgets (GTK_WIDGET (row), GTK_TYPE_TOGGLE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (gtk_widget_get_mapped (g_ptr_array_index (buttons, i)))
      return g_ptr_array_index (buttons, i);

  return NULL;
}

static void
test_secrets (void)
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
  Fixture fixture = { 0 };

  fixture_open (&fixture);
  show_connection (&fixture, connection);
  texts = page_texts (&fixture, TRUE);

  /* Secrets are masked, the rest shows. */
  assert_not_shows (texts, "s3cr3t-value");
  assert_not_shows (texts, "k3y-value");
  assert_not_shows (texts, "shh-1");
  assert_shows (texts, "••••");
  assert_shows (texts, "trace-42");
  assert_shows (texts, "client_credentials");
  assert_shows (texts, "application/json");
  g_assert_true (texts_have (row_texts (&fixture, "Mutual TLS"), "Yes"));
  g_assert_true (texts_have (row_texts (&fixture, "Type"), "OAuth 2.0"));

  /* Until revealed. */
  row = find_row (&fixture, "Authorization");
  g_assert_true (pb_page_property_get_secret (row));
  reveal = reveal_button_of (row);
  g_assert_nonnull (reveal);
  g_assert_null (reveal_button_of (find_row (&fixture, "Accept")));
  click (GTK_WIDGET (reveal));
  g_assert_true (gtk_toggle_button_get_active (reveal));
  g_assert_true (pb_page_property_get_revealed (row));

  revealed = page_texts (&fixture, FALSE);
  assert_shows (revealed, "Bearer s3cr3t-value");
  assert_not_shows (revealed, "k3y-value");

  /* And hidden again. */
  click (GTK_WIDGET (reveal));
  g_clear_pointer (&revealed, g_ptr_array_unref);
  revealed = page_texts (&fixture, FALSE);
  assert_not_shows (revealed, "s3cr3t-value");

  /* The raw view holds them all, so it is hidden as a whole until revealed. */
  row = find_row (&fixture, "Raw JSON");
  g_assert_true (pb_page_property_get_secret (row));
  reveal = reveal_button_of (row);
  g_assert_nonnull (reveal);
  click (GTK_WIDGET (reveal));
  g_clear_pointer (&revealed, g_ptr_array_unref);
  revealed = page_texts (&fixture, FALSE);
  assert_shows (revealed, "s3cr3t-value");
  assert_shows (revealed, "k3y-value");
  assert_shows (revealed, "shh-1");

  /* Another connection starts hidden again. */
  {
    PbConnection *other = connection_from_text (
      "{\"name\": \"Other\", \"customHeaders\": [{\"name\": \"X-Token\", \"value\": \"t0k3n\"}]}");

    pb_connection_page_set_connection (fixture.page, other);
    wait_until (page_is_ready, &fixture, "the other connection");
    g_clear_pointer (&revealed, g_ptr_array_unref);
    revealed = page_texts (&fixture, FALSE);
    g_assert_true (texts_have (revealed, "Other"));
    assert_not_shows (revealed, "t0k3n");
    g_assert_false (pb_page_property_get_revealed (find_row (&fixture, "Raw JSON")));
    pb_connection_page_set_connection (fixture.page, connection);
    g_object_unref (other);
  }

  fixture_close (&fixture, connection);
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
test_updates (void)
{
  g_autofree char *single = read_fixture ("connection-destination.json", NULL);
  g_autoptr(JsonNode) node = parse_json (single);
  JsonObject *object = json_node_get_object (node);
  g_autoptr(JsonNode) header = parse_json ("{\"name\": \"X-Added\", \"value\": \"added-value\"}");
  PbConnection *connection = connection_from_text (single);
  g_autoptr(PbConnection) newer = NULL;
  g_autofree char *newer_text = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  ShowsData shows;
  Fixture fixture = { 0 };

  fixture_open (&fixture);
  show_connection (&fixture, connection);

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

  shows = (ShowsData) { &fixture, "Weather Data System, renamed" };
  wait_until (page_shows, &shows, "the new name");
  shows = (ShowsData) { &fixture, "added-value" };
  wait_until (page_shows, &shows, "the added header");

  texts = page_texts (&fixture, FALSE);
  g_assert_true (texts_have (row_texts (&fixture, "Revision"), "7"));
  g_assert_true (texts_have (row_texts (&fixture, "Read Timeout"), "1.5 seconds"));
  g_assert_true (shows_archived_tag (&fixture));
  g_assert_true (texts_have (texts, "X-Added"));
  g_assert_true (texts_have (texts, "Key"));
  g_assert_false (texts_have (texts, "message"));
  assert_row_shows_json (&fixture, "Raw JSON", node);

  /* Another connection replaces it; then none. */
  pb_connection_page_set_connection (fixture.page, newer);
  g_assert_true (pb_connection_page_get_connection (fixture.page) == newer);
  pb_connection_page_set_connection (fixture.page, NULL);
  g_assert_null (pb_connection_page_get_connection (fixture.page));
  wait_until (page_is_ready, &fixture, "the empty page");
  g_clear_pointer (&texts, g_ptr_array_unref);
  texts = page_texts (&fixture, FALSE);
  g_assert_true (texts_have (texts, "No Connection Selected"));

  fixture_close (&fixture, connection);
}

static GtkWidget *
find_button (Fixture    *fixture,
             const char *action_name)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  find_widgets (GTK_WIDGET (fixture->page), GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_actionable_get_action_name (g_ptr_array_index (buttons, i)),
                   action_name) == 0)
      return g_ptr_array_index (buttons, i);

  g_error ("No button for %s", action_name);
  return NULL;
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

/* The Open button of the API link: NULL when it is not shown. */
static GtkWidget *
open_link_button (Fixture *fixture)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  find_widgets (GTK_WIDGET (find_row (fixture, "API Link")), GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (buttons, i);

      if (g_strcmp0 (gtk_widget_get_tooltip_text (button), "Open API Link") == 0)
        return gtk_widget_get_mapped (button) ? button : NULL;
    }

  return NULL;
}

static void
test_open_link (void)
{
  const struct
  {
    const char *href;
    gboolean    shown;
    gboolean    openable;
  } cases[] = {
    { "https://api-engage-eu.sitecorecloud.io/v2/connections/1", TRUE, TRUE },
    { "http://localhost:8080/v2/connections/1", TRUE, TRUE },
    { "<baseURL>/v2/connections/1", TRUE, FALSE },
    { "file:///etc/passwd", TRUE, FALSE },
    { "", FALSE, FALSE },
    { NULL, FALSE, FALSE },
  };
  Fixture fixture = { 0 };

  fixture_open (&fixture);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;
      PbConnection *connection;
      GtkWidget *button;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, "Link");
      if (cases[i].href != NULL)
        {
          json_builder_set_member_name (builder, "href");
          json_builder_add_string_value (builder, cases[i].href);
        }
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      text = node_to_text (root);
      connection = connection_from_text (text);

      show_connection (&fixture, connection);
      button = open_link_button (&fixture);
      g_assert_cmpint (button != NULL, ==, cases[i].shown);
      if (button != NULL)
        g_assert_cmpint (gtk_widget_is_sensitive (button), ==, cases[i].openable);
      fixture_release (&fixture, connection);
    }
  fixture_close (&fixture, NULL);
}

static void
test_reload (void)
{
  g_autofree char *single = read_fixture ("connection-destination.json", NULL);
  PbConnection *connection = connection_from_text (single);
  GtkWidget *button;
  GtkShortcut *shortcut;
  GtkShortcutController *controller = NULL;
  g_autofree char *action = NULL;
  Fixture fixture = { 0 };

  fixture_open (&fixture);
  show_connection (&fixture, connection);

  button = find_button (&fixture, "win.reload-connection");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Reload This Connection");
  g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (button)), ==, "view-refresh-symbolic");
  click (button);
  g_assert_cmpuint (fixture.reloads, ==, 1);

  /* Ctrl+R inside the page: a shortcut of the page itself, so it comes before the window's. */
  shortcut = find_shortcut (GTK_WIDGET (fixture.page), "<Control>r", &controller);
  g_assert_nonnull (shortcut);
  g_assert_cmpint (gtk_shortcut_controller_get_scope (controller), ==, GTK_SHORTCUT_SCOPE_LOCAL);
  action = gtk_shortcut_action_to_string (gtk_shortcut_get_action (shortcut));
  g_assert_cmpstr (action, ==, "action(win.reload-connection)");
  g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                               GTK_WIDGET (fixture.page), NULL));
  g_assert_cmpuint (fixture.reloads, ==, 2);

  fixture_close (&fixture, connection);
}

typedef struct
{
  char     *text;
  gboolean  done;
} ClipboardRead;

static void
on_clipboard_read (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ClipboardRead *read = user_data;
  g_autoptr(GError) error = NULL;

  read->text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);
  g_assert_no_error (error);
  read->done = TRUE;
}

static gboolean
is_done (gpointer data)
{
  return ((ClipboardRead *) data)->done;
}

static char *
read_clipboard (Fixture *fixture)
{
  ClipboardRead read = { NULL, FALSE };

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (fixture->page)), NULL,
                                 on_clipboard_read, &read);
  wait_until (is_done, &read, "the clipboard");
  return read.text;
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
test_copy (void)
{
  g_autofree char *single = read_fixture ("connection-destination.json", NULL);
  g_autoptr(JsonNode) expected = parse_json (single);
  PbConnection *connection = connection_from_text (single);
  PbPageProperty *row;
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  g_autofree char *copied = NULL;
  g_autofree char *json = NULL;
  g_autoptr(JsonNode) copied_json = NULL;
  Fixture fixture = { 0 };

  fixture_open (&fixture);
  show_connection (&fixture, connection);

  row = find_row (&fixture, "Reference");
  find_widgets (GTK_WIDGET (row), GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (buttons, i);

      if (g_strcmp0 (gtk_widget_get_tooltip_text (button), "Copy Reference") == 0)
        click (button);
    }
  copied = read_clipboard (&fixture);
  g_assert_cmpstr (copied, ==, "47c20b31-b5d8-492f-94e5-064958716c21");
  wait_until (overlay_shows_toast, &fixture, "the toast");

  click (find_button (&fixture, "page.copy-json"));
  json = read_clipboard (&fixture);
  copied_json = parse_json (json);
  g_assert_true (json_node_equal (copied_json, expected));

  fixture_close (&fixture, connection);
}

static void
test_timeouts_in_words (void)
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
  Fixture fixture = { 0 };

  fixture_open (&fixture);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("{\"name\": \"T\", \"connectionTimeout\": %s,"
                                               " \"socketTimeout\": %s}",
                                               cases[i].json, cases[i].json);
      PbConnection *connection = connection_from_text (text);

      show_connection (&fixture, connection);
      g_assert_true (texts_have (row_texts (&fixture, "Connection Timeout"), cases[i].words));
      g_assert_true (texts_have (row_texts (&fixture, "Read Timeout"), cases[i].words));
      fixture_release (&fixture, connection);
    }
  fixture_close (&fixture, NULL);
}

/* Markup characters in values show as they are, and placeholders are marked. */
static void
test_markup_and_placeholders (void)
{
  PbConnection *connection = connection_from_text (
    "{\"name\": \"<b>Tags</b> & \\\"quotes\\\"\","
    " \"request\": {\"requestType\": \"POST\","
    "   \"connectionUrl\": \"https://x.example/a?b=<c>&d=${city}\","
    "   \"requestBody\": \"{\\\"n\\\": ${count}, \\\"s\\\": \\\"<&>\\\"}\"}}");
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GPtrArray) body = NULL;
  gboolean marked = FALSE;
  Fixture fixture = { 0 };

  fixture_open (&fixture);
  show_connection (&fixture, connection);
  texts = page_texts (&fixture, FALSE);

  g_assert_true (texts_have (texts, "<b>Tags</b> & \"quotes\""));
  g_assert_true (texts_have (row_texts (&fixture, "URL"), "https://x.example/a?b=<c>&d=${city}"));
  body = row_texts (&fixture, "Body");
  g_assert_true (texts_have (body, "{\n  \"n\": ${count},\n  \"s\": \"<&>\"\n}"));

  /* The placeholder of the URL has its own look. */
  find_widgets (GTK_WIDGET (find_row (&fixture, "URL")), GTK_TYPE_LABEL, labels);
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
    g_autoptr(GPtrArray) views = g_ptr_array_new ();
    GtkTextBuffer *buffer;
    GtkTextTag *tag;
    GtkTextIter start, end;
    g_autofree char *tagged = NULL;

    find_widgets (GTK_WIDGET (find_row (&fixture, "Body")), GTK_TYPE_TEXT_VIEW, views);
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

  fixture_close (&fixture, connection);
}

/* Very long values neither stall the page nor break its layout, and copying gives them whole. */
static void
test_long_values (void)
{
  g_autoptr(GString) example = g_string_new ("{\"items\":[");
  g_autoptr(GString) description = g_string_new (NULL);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  g_autofree char *copied = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  g_autoptr(JsonNode) example_node = NULL;
  g_autoptr(JsonNode) copied_node = NULL;
  PbConnection *connection;
  Fixture fixture = { 0 };

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

  fixture_open (&fixture);
  show_connection (&fixture, connection);
  texts = page_texts (&fixture, FALSE);

  /* The example value is all there, in a block that scrolls. */
  example_node = parse_json (example->str);
  assert_row_shows_json (&fixture, "Example Value", example_node);
  assert_shows (texts, "\"name\": \"item 299\"");
  /* The description shows shortened (the raw view has it all). */
  {
    g_autoptr(GPtrArray) row = row_texts (&fixture, "Description");

    assert_shows (row, "word word");
    assert_not_shows (row, "end");
  }

  /* So does a header with a name as long. */
  {
    g_autoptr(GPtrArray) row = row_texts (&fixture, description->str);

    assert_shows (row, "long-name-value");
    assert_not_shows (row, "end");
  }

  /* Copying gives the whole value. */
  find_widgets (GTK_WIDGET (find_row (&fixture, "Example Value")), GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_widget_get_tooltip_text (g_ptr_array_index (buttons, i)),
                   "Copy Example Value") == 0)
      click (g_ptr_array_index (buttons, i));
  copied = read_clipboard (&fixture);
  copied_node = parse_json (copied);
  g_assert_true (json_node_equal (copied_node, example_node));

  fixture_close (&fixture, connection);
}

/* Known icons show as themed icons beside their raw value; others as the raw value only. */
static void
test_icons (void)
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
  Fixture fixture = { 0 };

  fixture_open (&fixture);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("{\"name\": \"Icon\", \"icon\": \"%s\"}",
                                               cases[i].icon);
      PbConnection *connection = connection_from_text (text);
      g_autofree char *icon_name = NULL;
      const char *expected = cases[i].icon_name;
      PbPageProperty *row;

      show_connection (&fixture, connection);

      row = find_row (&fixture, "Icon");
      g_assert_true (texts_have (row_texts (&fixture, "Icon"), cases[i].icon));
      g_object_get (row, "icon-name", &icon_name, NULL);
      /* Only icons the theme has are shown. */
      if (expected != NULL
          && !gtk_icon_theme_has_icon (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                       expected))
        expected = NULL;
      g_assert_cmpstr (icon_name, ==, expected);

      fixture_release (&fixture, connection);
    }
  fixture_close (&fixture, NULL);
}

/* Narrow windows: the page fits in 360 pixels and still shows its values. */
static void
test_narrow (void)
{
  g_autofree char *single = read_fixture ("connection-destination.json", NULL);
  g_autoptr(JsonNode) node = parse_json (single);
  PbConnection *connection = connection_from_text (single);
  int minimum = 0;
  Fixture fixture = { 0 };

  fixture_open (&fixture);
  gtk_window_set_default_size (fixture.window, 360, 640);
  show_connection (&fixture, connection);

  gtk_widget_measure (GTK_WIDGET (fixture.page), GTK_ORIENTATION_HORIZONTAL, -1,
                      &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);
  assert_page_shows_object (&fixture, node);

  fixture_close (&fixture, connection);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/connection-page/fixtures", test_fixtures);
  g_test_add_func ("/connection-page/fixture-files", test_fixture_files);
  g_test_add_func ("/connection-page/unknown-fields", test_unknown_fields);
  g_test_add_func ("/connection-page/missing-fields", test_missing_fields);
  g_test_add_func ("/connection-page/secrets", test_secrets);
  g_test_add_func ("/connection-page/updates", test_updates);
  g_test_add_func ("/connection-page/reload", test_reload);
  g_test_add_func ("/connection-page/open-link", test_open_link);
  g_test_add_func ("/connection-page/copy", test_copy);
  g_test_add_func ("/connection-page/timeouts-in-words", test_timeouts_in_words);
  g_test_add_func ("/connection-page/markup-and-placeholders", test_markup_and_placeholders);
  g_test_add_func ("/connection-page/icons", test_icons);
  g_test_add_func ("/connection-page/narrow", test_narrow);
  g_test_add_func ("/connection-page/long-values", test_long_values);

  return g_test_run ();
}
