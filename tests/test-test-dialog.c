/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-test-dialog"

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "pb-client.h"
#include "pb-connection.h"
#include "pb-demo-server.h"
#include "pb-export.h"
#include "pb-outbound-request.h"
#include "pb-test-dialog.h"
#include "pb-test-preview.h"
#include "pb-test-server.h"
#include "pb-test-ui.h"

/* Long enough that no answer can come before the test acts; the test never waits for it. */
#define LONG_LATENCY_MS 60000

/* {{{ Finding what is on screen */

static gboolean
label_ends_with_ms (GtkWidget     *widget,
                    gconstpointer  data)
{
  const char *text = gtk_label_get_label (GTK_LABEL (widget));
  gsize len = strlen (text);

  if (len < 4 || !g_str_has_suffix (text, " ms"))
    return FALSE;
  for (gsize i = 0; i < len - 3; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;

  return TRUE;
}

static gboolean
button_has_icon (GtkWidget     *widget,
                 gconstpointer  icon_name)
{
  return g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), icon_name) == 0;
}

/* }}} */
/* {{{ Fixture */

typedef struct
{
  PbDemoServer *server;
  PbClient     *client;
  PbConnection *connection;
  GtkWidget    *parent;
  PbTestServer *recorder;        /* keeps every request it receives; or NULL */
  PbClient     *recorder_client; /* of the recorder */
} Fixture;

static void
fixture_set_up_with (Fixture    *fixture,
                     const char *connection_json)
{
  g_autoptr(GError) error = NULL;

  fixture->server = pb_demo_server_new ();
  pb_demo_server_start (fixture->server, 0, &error);
  g_assert_no_error (error);
  fixture->client = pb_client_new (pb_demo_server_get_base_url (fixture->server));
  pb_client_set_access_token (fixture->client, pb_demo_server_get_token (fixture->server));
  fixture->connection = pb_connection_new_from_data (connection_json, -1, &error);
  g_assert_no_error (error);

  fixture->parent = gtk_window_new ();
  g_object_ref_sink (fixture->parent);
  gtk_window_set_default_size (GTK_WINDOW (fixture->parent), 800, 600);
  gtk_window_present (GTK_WINDOW (fixture->parent));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *json = pb_test_read_fixture ("connection-destination.json");

  fixture_set_up_with (fixture, json);
}

static void
recorder_set_up (Fixture       *fixture,
                 gconstpointer  data)
{
  fixture_set_up (fixture, data);
  fixture->recorder = pb_test_server_new (FALSE);
  fixture->recorder_client = pb_client_new (fixture->recorder->base_url);
  pb_client_set_access_token (fixture->recorder_client, "recorder-token");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->recorder_client != NULL)
    g_assert_finalize_object (fixture->recorder_client);
  g_clear_pointer (&fixture->recorder, pb_test_server_free);
  gtk_window_destroy (GTK_WINDOW (fixture->parent));
  g_assert_finalize_object (fixture->parent);
  g_assert_finalize_object (fixture->connection);
  g_assert_finalize_object (fixture->client);
  g_assert_finalize_object (fixture->server);
}

static GtkWidget *
open_dialog (Fixture *fixture)
{
  GtkWidget *dialog = pb_test_dialog_new (GTK_WINDOW (fixture->parent), fixture->client,
                                          fixture->connection);

  g_assert_true (PB_IS_TEST_DIALOG (dialog));
  g_assert_true (pb_test_dialog_get_client (PB_TEST_DIALOG (dialog)) == fixture->client);
  g_assert_true (pb_test_dialog_get_connection (PB_TEST_DIALOG (dialog)) == fixture->connection);
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}

/* A destination's test first shows what will be sent; nothing goes out before Send Test. */
static void
send_from_preview (GtkWidget    *dialog,
                   PbDemoServer *server)
{
  guint before = pb_demo_server_get_n_requests (server);

  pb_test_wait_for_label (dialog, "This Test Sends a Real Request");
  g_assert_false (pb_test_dialog_get_running (PB_TEST_DIALOG (dialog)));
  pb_test_spin (50);
  g_assert_cmpuint (pb_demo_server_get_n_requests (server), ==, before);
  pb_test_click_label (dialog, "_Send Test");
  g_assert_true (pb_test_dialog_get_running (PB_TEST_DIALOG (dialog)));
}

static GtkWidget *
open_and_send (Fixture *fixture)
{
  GtkWidget *dialog = open_dialog (fixture);

  send_from_preview (dialog, fixture->server);

  return dialog;
}

/* Closes the dialog as a person would and waits until it is gone. */
static void
close_dialog (GtkWidget *dialog)
{
  gpointer weak = dialog;

  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  gtk_window_close (GTK_WINDOW (dialog));
  pb_test_wait_until (pb_test_is_null, &weak, "the dialog to be finalized");
}

static gboolean
is_not_running (gpointer data)
{
  return !pb_test_dialog_get_running (data);
}

/* }}} */

static void
test_report_shown (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *dialog = open_and_send (fixture);
  GtkWidget *status;
  g_autofree char *text = NULL;

  /* It starts once Send Test is pressed. */
  g_assert_true (pb_test_dialog_get_running (PB_TEST_DIALOG (dialog)));
  g_assert_nonnull (pb_test_find_label (dialog, "Testing “Weather Data System”…"));

  /* A POST connection: the demo service answers 202. */
  pb_test_wait_for_label (dialog, "202 Accepted");
  g_assert_false (pb_test_dialog_get_running (PB_TEST_DIALOG (dialog)));
  status = pb_test_find_label (dialog, "202 Accepted");
  g_assert_true (gtk_widget_has_css_class (status, "success"));
  g_assert_false (gtk_widget_has_css_class (status, "error"));
  g_assert_nonnull (pb_test_find_label (dialog, "The service answered"));
  g_assert_nonnull (pb_test_find_widget (dialog, GTK_TYPE_LABEL, label_ends_with_ms, NULL));
  g_assert_nonnull (pb_test_find_label (dialog, "X-Correlation-Id"));
  g_assert_nonnull (pb_test_find_label (dialog, "Accept"));
  g_assert_nonnull (pb_test_find_label (dialog, "application/json"));
  g_assert_null (pb_test_find_label (dialog, "Could Not Run the Test"));

  text = pb_test_text_view_text (dialog);
  g_assert_nonnull (strstr (text, "\"statusCode\": 202"));
  g_assert_nonnull (strstr (text, "\"X-Correlation-Id\""));

  close_dialog (dialog);
}

static void
test_call_fails (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkWidget *dialog;
  GtkWidget *again;

  /* The API itself fails: the test could not run. */
  pb_demo_server_fail_next (fixture->server, 500, NULL, 1);
  dialog = open_and_send (fixture);
  pb_test_wait_for_label (dialog, "Could Not Run the Test");
  g_assert_true (pb_test_shows_text (dialog, "The server ran into a problem", FALSE));
  g_assert_null (pb_test_find_label (dialog, "The service answered with an error"));

  /* The header button and the page's button both start again. */
  again = pb_test_find_button (dialog, "_Try Again");
  g_assert_nonnull (again);
  g_assert_true (gtk_widget_is_sensitive (again));
  pb_test_click_label (dialog, "_Try Again");
  send_from_preview (dialog, fixture->server);
  pb_test_wait_for_label (dialog, "202 Accepted");
  g_assert_null (pb_test_find_label (dialog, "Could Not Run the Test"));

  close_dialog (dialog);
}

static void
test_unauthorized (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *dialog;

  pb_client_set_access_token (fixture->client, "not-the-token");
  dialog = open_and_send (fixture);
  pb_test_wait_for_label (dialog, "Could Not Run the Test");
  g_assert_false (pb_test_shows_text (dialog, "not-the-token", FALSE));

  close_dialog (dialog);
}

/* The API cannot be reached at all. */
static void
test_network_error (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(PbClient) offline = pb_client_new ("http://127.0.0.1:1");
  GtkWidget *dialog = pb_test_dialog_new (GTK_WINDOW (fixture->parent), offline,
                                          fixture->connection);

  gtk_window_present (GTK_WINDOW (dialog));
  send_from_preview (dialog, fixture->server);
  pb_test_wait_for_label (dialog, "Could Not Run the Test");
  g_assert_null (pb_test_find_label (dialog, "The service answered with an error"));
  close_dialog (dialog);
  g_assert_finalize_object (g_steal_pointer (&offline));
}

static void
test_service_error (Fixture       *fixture,
                    gconstpointer  data)
{
  const char *report =
    "{\"statusCode\": 503, \"executionTimeInMilliseconds\": 4021,"
    " \"request\": {\"headers\": [{\"name\": \"X-Correlation-Id\", \"value\": \"abc-123\"}]}}";
  GtkWidget *dialog;
  GtkWidget *status;

  /* The API answers; the outside service failed. */
  pb_demo_server_fail_next (fixture->server, 200, report, 1);
  dialog = open_and_send (fixture);
  pb_test_wait_for_label (dialog, "503 Service Unavailable");
  status = pb_test_find_label (dialog, "503 Service Unavailable");
  g_assert_true (gtk_widget_has_css_class (status, "error"));
  g_assert_false (gtk_widget_has_css_class (status, "success"));
  g_assert_nonnull (pb_test_find_label (dialog, "The service answered with an error"));
  g_assert_nonnull (pb_test_find_label (dialog, "4021 ms"));
  g_assert_nonnull (pb_test_find_label (dialog, "abc-123"));
  g_assert_null (pb_test_find_label (dialog, "Could Not Run the Test"));

  close_dialog (dialog);
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  GtkWidget *dialog;

  pb_demo_server_set_latency (fixture->server, LONG_LATENCY_MS);
  dialog = open_and_send (fixture);
  g_assert_true (pb_test_dialog_get_running (PB_TEST_DIALOG (dialog)));

  pb_test_click_label (dialog, "_Cancel");
  g_assert_false (pb_test_dialog_get_running (PB_TEST_DIALOG (dialog)));
  g_assert_nonnull (pb_test_find_label (dialog, "Test Stopped"));

  /* The answer of the cancelled call never shows up; a new test does. */
  pb_demo_server_set_latency (fixture->server, 0);
  pb_test_click_label (dialog, "Test _Again");
  send_from_preview (dialog, fixture->server);
  pb_test_wait_for_label (dialog, "202 Accepted");
  g_assert_null (pb_test_find_label (dialog, "Test Stopped"));

  close_dialog (dialog);
}

static void
test_close_while_running (Fixture       *fixture,
                          gconstpointer  data)
{
  GtkWidget *dialog;

  pb_demo_server_set_latency (fixture->server, LONG_LATENCY_MS);
  dialog = open_and_send (fixture);
  g_assert_true (pb_test_dialog_get_running (PB_TEST_DIALOG (dialog)));

  /* Closing cancels: the dialog, the client and the connection all go (see tear down). */
  close_dialog (dialog);
}

static void
test_one_at_a_time (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWidget *dialog = open_and_send (fixture);
  GtkWidget *again = pb_test_find_widget (dialog, GTK_TYPE_BUTTON, button_has_icon,
                                          "view-refresh-symbolic");
  guint before = pb_demo_server_get_n_requests (fixture->server);

  g_assert_true (pb_test_dialog_get_running (PB_TEST_DIALOG (dialog)));
  /* The header's Test Again button cannot be pressed. */
  g_assert_nonnull (again);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (again)), ==, "test.run");
  g_assert_false (gtk_widget_is_sensitive (again));
  gtk_widget_activate_action (dialog, "test.run", NULL);
  g_signal_emit_by_name (again, "clicked");

  pb_test_wait_until (is_not_running, dialog, "the test to end");
  pb_test_wait_for_label (dialog, "202 Accepted");
  g_assert_cmpuint (pb_demo_server_get_n_requests (fixture->server), ==, before + 1);
  g_assert_true (gtk_widget_is_sensitive (again));

  /* Once it is over, the button runs it again, after showing what will be sent (the
   * button itself out of the way meanwhile). */
  g_signal_emit_by_name (again, "clicked");
  g_assert_false (gtk_widget_is_sensitive (again));
  g_assert_false (gtk_widget_get_visible (again));
  send_from_preview (dialog, fixture->server);
  pb_test_wait_until (is_not_running, dialog, "the second test to end");
  g_assert_cmpuint (pb_demo_server_get_n_requests (fixture->server), ==, before + 2);

  close_dialog (dialog);
}

static void
secrets_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *json = pb_test_read_fixture ("connection-destination.json");
  GString *with_secret = g_string_new (json);

  /* A connection that sends a secret header: the report repeats it. */
  g_assert_cmpuint (g_string_replace (with_secret, "\"customHeaders\"",
                                      "\"customHeaders\": [{\"name\": \"Authorization\","
                                      " \"value\": \"Bearer sk-DIALOG-77\"}], \"ignored\"", 1),
                    ==, 1);
  fixture_set_up_with (fixture, with_secret->str);
  g_string_free (with_secret, TRUE);
}

static void
on_clipboard_text (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  char **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);
  g_assert_no_error (error);
}

static char *
copied_text (GtkWidget *widget)
{
  char *copied = NULL;

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL, on_clipboard_text,
                                 &copied);
  pb_test_wait_until (pb_test_is_not_null, &copied, "the copied text");

  return copied;
}

static void
test_secrets_masked (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *dialog = open_and_send (fixture);
  g_autofree char *masked = NULL;
  g_autofree char *revealed = NULL;
  g_autofree char *copied = NULL;

  pb_test_wait_for_label (dialog, "202 Accepted");
  g_assert_nonnull (pb_test_find_label (dialog, "Authorization"));
  g_assert_nonnull (pb_test_find_label (dialog, "Bearer " PB_SECRET_MASK));
  g_assert_false (pb_test_shows_text (dialog, "sk-DIALOG-77", FALSE));
  masked = pb_test_text_view_text (dialog);
  g_assert_null (strstr (masked, "sk-DIALOG-77"));
  g_assert_nonnull (strstr (masked, "\"statusCode\": 202"));

  /* What is copied is what is shown. */
  g_assert_true (gtk_widget_activate_action (dialog, "test.copy-report", NULL));
  copied = copied_text (dialog);
  g_assert_cmpstr (copied, ==, masked);
  g_assert_nonnull (pb_test_find_label (dialog, "Report copied"));

  g_assert_true (gtk_widget_activate_action (dialog, "test.reveal-secrets", NULL));
  g_assert_nonnull (pb_test_find_label (dialog, "Bearer sk-DIALOG-77"));
  revealed = pb_test_text_view_text (dialog);
  g_assert_nonnull (strstr (revealed, "sk-DIALOG-77"));

  close_dialog (dialog);
}

/* {{{ What is sent */

static GtkWidget *
open_recorded_dialog (Fixture *fixture)
{
  GtkWidget *dialog = pb_test_dialog_new (GTK_WINDOW (fixture->parent), fixture->recorder_client,
                                          fixture->connection);

  gtk_window_present (GTK_WINDOW (dialog));
  pb_test_wait_for_label (dialog, "This Test Sends a Real Request");

  return dialog;
}

static GtkWidget *
find_preview (GtkWidget *dialog)
{
  GtkWidget *preview = pb_test_find_by_type (dialog, PB_TYPE_TEST_PREVIEW);

  g_assert_nonnull (preview);
  g_assert_true (gtk_widget_get_mapped (preview));

  return preview;
}

/* The body the preview shows. */
static char *
preview_body (GtkWidget *dialog)
{
  return pb_test_text_view_text (find_preview (dialog));
}

static gboolean
row_is_placeholder (GtkWidget     *widget,
                    gconstpointer  name)
{
  return g_strcmp0 (g_object_get_data (G_OBJECT (widget), "placeholder"), name) == 0;
}

static GtkWidget *
find_placeholder_row (GtkWidget  *dialog,
                      const char *name)
{
  GtkWidget *row = pb_test_find_widget (find_preview (dialog), ADW_TYPE_ENTRY_ROW,
                                        row_is_placeholder, name);

  g_assert_nonnull (row);

  return row;
}

/* The connection a test call sent, as a tree (owned by the parser). */
static JsonObject *
sent_connection (JsonParser    *parser,
                 PbTestRequest *request)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (request->method, ==, "POST");
  g_assert_cmpstr (request->path, ==, "/v2/connections/testConnection");
  json_parser_load_from_data (parser, request->body, -1, &error);
  g_assert_no_error (error);

  return json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                        "connection");
}

static void
test_preview_cancel_sends_nothing (Fixture       *fixture,
                                   gconstpointer  data)
{
  GtkWidget *dialog = open_recorded_dialog (fixture);
  GtkWidget *send = pb_test_find_button (dialog, "_Send Test");
  g_autofree char *body = NULL;

  /* What will go out: method, URL, headers and body, placeholders as they are. */
  g_assert_nonnull (pb_test_find_label (dialog, "POST"));
  g_assert_nonnull (pb_test_find_label (dialog,
                                        "https://example.com/api/1.0/messages/send.json"));
  g_assert_nonnull (pb_test_find_label (dialog, "Content-Type"));
  body = preview_body (dialog);
  /* "key" looks secret: masked by the one rule, whatever it holds. */
  g_assert_cmpstr (body, ==, "{\"key\":\"" PB_SECRET_MASK "\",\"message\":\"${message}\"}");
  /* Sending is marked as what it is: it may change something out there. */
  g_assert_nonnull (send);
  g_assert_true (gtk_widget_has_css_class (send, "destructive-action"));
  g_assert_false (pb_test_dialog_get_running (PB_TEST_DIALOG (dialog)));

  /* Nothing is sent before Send Test, and Cancel sends nothing. */
  pb_test_spin (200);
  g_assert_cmpuint (fixture->recorder->requests->len, ==, 0);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  pb_test_click_label (dialog, "_Cancel");
  pb_test_wait_until (pb_test_is_null, &dialog, "the dialog to be gone");
  pb_test_spin (200);
  g_assert_cmpuint (fixture->recorder->requests->len, ==, 0);
}

static void
test_preview_sends_as_stored (Fixture       *fixture,
                              gconstpointer  data)
{
  GtkWidget *dialog = open_recorded_dialog (fixture);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *as_received = pb_connection_dup_test_body (fixture->connection, NULL);
  JsonObject *sent;

  /* With "Fill In Example Values" off, the connection goes as received. */
  pb_test_click_label (dialog, "_Send Test");
  pb_test_wait_for_label (dialog, "202 Accepted");
  g_assert_cmpuint (fixture->recorder->requests->len, ==, 1);
  g_assert_cmpstr (pb_test_server_get_request (fixture->recorder, 0)->body, ==, as_received);
  sent = sent_connection (parser, pb_test_server_get_request (fixture->recorder, 0));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (sent, "request"),
                                                  "requestBody"),
                   ==, "{\"key\":\"${key}\",\"message\":\"${message}\"}");

  close_dialog (dialog);
}

static void
test_preview_sends_edited_values (Fixture       *fixture,
                                  gconstpointer  data)
{
  GtkWidget *dialog = open_recorded_dialog (fixture);
  g_autoptr(JsonParser) parser = json_parser_new ();
  GtkWidget *fill = pb_test_find_by_type (find_preview (dialog), GTK_TYPE_SWITCH);
  GtkWidget *key;
  g_autofree char *filled = NULL;
  g_autofree char *edited = NULL;
  JsonObject *sent;
  JsonObject *request;

  /* The example values are offered once the switch is on (a value on screen reads as one
   * that goes out), editable. */
  g_assert_null (pb_test_find_widget (find_preview (dialog), ADW_TYPE_ENTRY_ROW,
                                      row_is_placeholder, "key"));
  g_assert_nonnull (fill);
  gtk_switch_set_active (GTK_SWITCH (fill), TRUE);
  key = find_placeholder_row (dialog, "key");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (key)), ==, "RkeVXoh0NB5K8nGUH-Ew7w");
  g_assert_true (gtk_widget_is_sensitive (key));
  filled = preview_body (dialog);
  g_assert_nonnull (strstr (filled, "\"key\":\"" PB_SECRET_MASK "\""));
  g_assert_null (strstr (filled, "RkeVXoh0NB5K8nGUH-Ew7w"));
  /* An object's example inside a string stays valid JSON. */
  g_assert_nonnull (strstr (filled, "\"message\":\"{\\\"text\\\":\\\"Some text\\\""));

  /* An edited value is what the preview shows, with Include Secrets, and what is sent. */
  gtk_editable_set_text (GTK_EDITABLE (key), "EDITED \"key\"");
  g_assert_true (gtk_widget_activate_action (dialog, "test.reveal-secrets", NULL));
  edited = preview_body (dialog);
  g_assert_nonnull (strstr (edited, "\"key\":\"EDITED \\\"key\\\"\""));
  pb_test_spin (100);
  g_assert_cmpuint (fixture->recorder->requests->len, ==, 0);

  pb_test_click_label (dialog, "_Send Test");
  pb_test_wait_for_label (dialog, "202 Accepted");
  g_assert_cmpuint (fixture->recorder->requests->len, ==, 1);
  sent = sent_connection (parser, pb_test_server_get_request (fixture->recorder, 0));
  request = json_object_get_object_member (sent, "request");
  g_assert_cmpstr (json_object_get_string_member (request, "requestBody"), ==, edited);
  g_assert_cmpstr (json_object_get_string_member (request, "connectionUrl"), ==,
                   "https://example.com/api/1.0/messages/send.json");
  /* The rest of the object as received. */
  g_assert_cmpstr (json_object_get_string_member (sent, "ref"), ==,
                   pb_connection_get_ref (fixture->connection));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (sent, "inputMappings")),
                    ==, 2);

  /* Test Again shows the preview again, with the values as they were left. */
  g_signal_emit_by_name (pb_test_find_widget (dialog, GTK_TYPE_BUTTON, button_has_icon,
                                              "view-refresh-symbolic"), "clicked");
  pb_test_wait_for_label (dialog, "This Test Sends a Real Request");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_placeholder_row (dialog, "key"))),
                   ==, "EDITED \"key\"");
  pb_test_spin (100);
  g_assert_cmpuint (fixture->recorder->requests->len, ==, 1);

  close_dialog (dialog);
}

static void
test_preview_secrets (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkWidget *dialog = open_dialog (fixture);
  GtkWidget *reveal = pb_test_find_widget (dialog, GTK_TYPE_TOGGLE_BUTTON, button_has_icon,
                                           "view-reveal-symbolic");
  g_autofree char *masked = NULL;
  g_autofree char *revealed = NULL;

  pb_test_wait_for_label (dialog, "This Test Sends a Real Request");
  g_assert_nonnull (pb_test_find_label (dialog, "Bearer " PB_SECRET_MASK));
  g_assert_false (pb_test_shows_text (dialog, "sk-DIALOG-77", FALSE));
  g_assert_nonnull (reveal);

  /* The preview's copy is the filled cURL, masked as shown. */
  gtk_switch_set_active (GTK_SWITCH (pb_test_find_by_type (find_preview (dialog),
                                                           GTK_TYPE_SWITCH)), TRUE);
  g_assert_true (gtk_widget_activate_action (dialog, "test.copy-curl", NULL));
  masked = copied_text (dialog);
  g_assert_true (g_str_has_prefix (masked, "curl -X POST "));
  g_assert_nonnull (strstr (masked, "-H 'Authorization: Bearer " PB_SECRET_MASK "'"));
  g_assert_nonnull (strstr (masked, "Some text"));
  g_assert_null (strstr (masked, "RkeVXoh0NB5K8nGUH-Ew7w"));
  g_assert_null (strstr (masked, "sk-DIALOG-77"));
  g_assert_null (strstr (masked, "${key}"));

  g_assert_true (gtk_widget_activate_action (dialog, "test.reveal-secrets", NULL));
  g_assert_nonnull (pb_test_find_label (dialog, "Bearer sk-DIALOG-77"));
  g_assert_true (gtk_widget_activate_action (dialog, "test.copy-curl", NULL));
  pb_test_spin (50);
  revealed = copied_text (dialog);
  g_assert_nonnull (strstr (revealed, "-H 'Authorization: Bearer sk-DIALOG-77'"));
  g_assert_nonnull (strstr (revealed, "\"key\":\"RkeVXoh0NB5K8nGUH-Ew7w\""));
  g_assert_cmpuint (pb_demo_server_get_n_requests (fixture->server), ==, 0);

  close_dialog (dialog);
}

/* A GET of a data system changes nothing: it runs at once, unless it has placeholders to
 * fill, when the preview offers them without the warning. */
static void
test_preview_only_when_needed (Fixture       *fixture,
                               gconstpointer  data)
{
  const char *plain_json =
    "{\"ref\": \"g-1\", \"name\": \"Rates\", \"systemType\": \"DATA_SYSTEM\","
    " \"request\": {\"requestType\": \"GET\", \"connectionUrl\": \"https://fx.example.com/\"}}";
  const char *placeholder_json =
    "{\"ref\": \"g-2\", \"name\": \"Rate\", \"systemType\": \"DATA_SYSTEM\","
    " \"request\": {\"requestType\": \"GET\","
    "              \"connectionUrl\": \"https://fx.example.com/${currency}\"},"
    " \"inputMappings\": [{\"label\": \"Currency\", \"key\": \"currency\","
    "                      \"exampleValue\": \"EUR\"}]}";
  g_autoptr(PbConnection) plain = pb_connection_new_from_data (plain_json, -1, NULL);
  g_autoptr(PbConnection) with_placeholder = pb_connection_new_from_data (placeholder_json, -1,
                                                                          NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  GtkWidget *dialog;
  GtkWidget *send;
  JsonObject *sent;

  dialog = pb_test_dialog_new (GTK_WINDOW (fixture->parent), fixture->recorder_client, plain);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (pb_test_dialog_get_running (PB_TEST_DIALOG (dialog)));
  pb_test_wait_for_label (dialog, "202 Accepted");
  g_assert_cmpuint (fixture->recorder->requests->len, ==, 1);
  close_dialog (dialog);

  dialog = pb_test_dialog_new (GTK_WINDOW (fixture->parent), fixture->recorder_client,
                               with_placeholder);
  gtk_window_present (GTK_WINDOW (dialog));
  pb_test_wait_for_label (dialog, "Review the Test");
  g_assert_null (pb_test_find_label (dialog, "This Test Sends a Real Request"));
  g_assert_nonnull (pb_test_find_label (dialog, "https://fx.example.com/${currency}"));
  send = pb_test_find_button (dialog, "_Send Test");
  g_assert_true (gtk_widget_has_css_class (send, "suggested-action"));
  g_assert_false (gtk_widget_has_css_class (send, "destructive-action"));
  gtk_switch_set_active (GTK_SWITCH (pb_test_find_by_type (find_preview (dialog),
                                                           GTK_TYPE_SWITCH)), TRUE);
  g_assert_nonnull (pb_test_find_label (dialog, "https://fx.example.com/EUR"));
  g_assert_cmpuint (fixture->recorder->requests->len, ==, 1);

  pb_test_click (send);
  pb_test_wait_for_label (dialog, "202 Accepted");
  g_assert_cmpuint (fixture->recorder->requests->len, ==, 2);
  sent = sent_connection (parser, pb_test_server_get_request (fixture->recorder, 1));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (sent, "request"),
                                                  "connectionUrl"),
                   ==, "https://fx.example.com/EUR");
  close_dialog (dialog);
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func, set_up) \
  g_test_add (path, Fixture, NULL, set_up, func, fixture_tear_down)

  ADD ("/test-dialog/report-shown", test_report_shown, fixture_set_up);
  ADD ("/test-dialog/call-fails", test_call_fails, fixture_set_up);
  ADD ("/test-dialog/unauthorized", test_unauthorized, fixture_set_up);
  ADD ("/test-dialog/network-error", test_network_error, fixture_set_up);
  ADD ("/test-dialog/service-error", test_service_error, fixture_set_up);
  ADD ("/test-dialog/cancel", test_cancel, fixture_set_up);
  ADD ("/test-dialog/close-while-running", test_close_while_running, fixture_set_up);
  ADD ("/test-dialog/one-at-a-time", test_one_at_a_time, fixture_set_up);
  ADD ("/test-dialog/secrets-masked", test_secrets_masked, secrets_set_up);
  ADD ("/test-dialog/preview/cancel-sends-nothing", test_preview_cancel_sends_nothing,
       recorder_set_up);
  ADD ("/test-dialog/preview/sends-as-stored", test_preview_sends_as_stored, recorder_set_up);
  ADD ("/test-dialog/preview/sends-edited-values", test_preview_sends_edited_values,
       recorder_set_up);
  ADD ("/test-dialog/preview/secrets", test_preview_secrets, secrets_set_up);
  ADD ("/test-dialog/preview/only-when-needed", test_preview_only_when_needed, recorder_set_up);

#undef ADD

  return g_test_run ();
}
