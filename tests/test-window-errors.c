/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window's error pages offer what their words name: a countdown after a 429, the details of
 * an answer that does not parse, Cancel and the main menu while the list loads, their own words
 * for a redirect elsewhere, and "Offline" only when the network is down. */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "pb-http.h"
#include "pb-test-network.h"
#include "pb-test-server.h"
#include "pb-test-ui.h"
#include "pb-window.h"
#include "test-window-fixture.h"

#define TOKEN "window-errors-token-5d2e"

/* A client of a misbehaving server; the window loads from it. */
static PbClient *
show_server (Fixture      *fixture,
             PbTestServer *server)
{
  PbClient *client = pb_client_new (server->base_url);

  pb_client_set_access_token (client, TOKEN);
  pb_window_set_client (fixture->window, client);
  return client;
}

static void
assert_error_page (Fixture    *fixture,
                   const char *title)
{
  pb_test_wait_until_idle (fixture->window, 100);
  g_assert_cmpstr (pb_window_get_view (fixture->window), ==, "error");
  g_assert_true (pb_test_shows_text (GTK_WIDGET (fixture->window), title, TRUE));
}

/* The main way out of a page: the first button of the page's buttons, in the suggested style. */
static GtkWidget *
main_button (Fixture *fixture)
{
  GtkWidget *retry = pb_test_find_accessible (GTK_WIDGET (fixture->window), GTK_TYPE_BUTTON,
                                              "Retry");
  GtkWidget *first;

  g_assert_nonnull (retry);
  first = gtk_widget_get_first_child (gtk_widget_get_parent (retry));
  g_assert_true (gtk_widget_has_css_class (first, "suggested-action"));
  g_assert_true (gtk_widget_has_css_class (first, "pill"));
  return first;
}

static gboolean
window_shows_list (gpointer data)
{
  return g_strcmp0 (pb_window_get_view (data), "connections") == 0;
}

static void
test_rate_limited_counts_down (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(PbTestServer) server = pb_test_server_new (FALSE);
  g_autoptr(PbClient) client = NULL;
  GtkWidget *window = GTK_WIDGET (fixture->window);

  server->behaviour = PB_TEST_SERVER_ANSWER;
  server->status = 429;
  server->content_type = g_strdup ("application/json");
  server->body = g_strdup ("{\"status\":429,\"code\":429,\"message\":\"Slow down.\"}");
  server->retry_after = g_strdup ("3");
  client = show_server (fixture, server);

  assert_error_page (fixture, "Too Many Requests");
  g_assert_true (pb_test_shows_text (window, "Slow down. Plugboard will try again in 3 seconds.",
                                     TRUE));
  g_assert_true (main_button (fixture) ==
                 pb_test_find_accessible (window, GTK_TYPE_BUTTON, "Retry"));

  /* A second later, a second less. */
  pb_test_wait_for_label (window, "Slow down. Plugboard will try again in 2 seconds.");

  /* At zero Plugboard asks again by itself, and the server answers now. */
  server->behaviour = PB_TEST_SERVER_PAGED;
  server->n_items = 4;
  pb_test_wait_until (window_shows_list, fixture->window, "the list after the countdown");
  pb_test_wait_until_idle (fixture->window, 100);
  g_assert_cmpuint (g_list_model_get_n_items (pb_window_get_shown_connections (fixture->window)),
                    ==, 4);

  pb_window_set_client (fixture->window, NULL);
}

static void
test_rate_limited_http_date (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(PbTestServer) server = pb_test_server_new (FALSE);
  g_autoptr(PbClient) client = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_minutes (now, 10);

  server->behaviour = PB_TEST_SERVER_ANSWER;
  server->status = 429;
  server->retry_after = g_date_time_format (later, "%a, %d %b %Y %H:%M:%S GMT");
  client = show_server (fixture, server);

  /* Ten minutes, in minutes; switching away stops the countdown. */
  assert_error_page (fixture, "Too Many Requests");
  g_assert_true (pb_test_shows_text (GTK_WIDGET (fixture->window),
                                     "The server is receiving too many requests. Plugboard will "
                                     "try again in 10 minutes.", TRUE));
  pb_window_set_client (fixture->window, NULL);
  pb_test_wait_until_idle (fixture->window, 100);
  g_assert_cmpstr (pb_window_get_view (fixture->window), ==, "welcome");
}

static void
test_unexpected_answer_details (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(PbTestServer) server = pb_test_server_new (FALSE);
  g_autoptr(PbClient) client = NULL;
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GtkWidget *details;
  GtkWidget *label;
  const char *text;

  server->behaviour = PB_TEST_SERVER_ANSWER;
  server->status = 200;
  server->content_type = g_strdup ("application/json");
  server->body = g_strdup ("{\"items\": [{\"name\": \"x\", \"clientSecret\": \"hunter2\"} <b>");
  client = show_server (fixture, server);

  assert_error_page (fixture, "Unexpected Answer");
  details = pb_test_find_accessible (window, GTK_TYPE_EXPANDER, "Details");
  g_assert_nonnull (details);
  g_assert_false (gtk_expander_get_expanded (GTK_EXPANDER (details)));
  gtk_expander_set_expanded (GTK_EXPANDER (details), TRUE);
  pb_test_wait_until_idle (fixture->window, 50);

  label = gtk_expander_get_child (GTK_EXPANDER (details));
  g_assert_true (gtk_widget_get_mapped (label));
  text = gtk_label_get_text (GTK_LABEL (label));
  g_test_message ("%s", text);
  g_assert_true (g_str_has_prefix (text, "Problem: The data is not valid JSON: "));
  g_assert_nonnull (strstr (text, "\nStatus: 200 OK\n"));
  g_assert_nonnull (strstr (text, "\nContent type: application/json\n"));
  g_assert_nonnull (strstr (text, "\nStart of the answer: {\"items\": [{\"name\": \"x\", "
                                  "\"clientSecret\": \"••••••\"} <b>"));
  g_assert_null (strstr (text, "hunter2"));
  g_assert_false (gtk_label_get_use_markup (GTK_LABEL (label)));

  /* Another error has no details. */
  server->status = 500;
  g_clear_pointer (&server->content_type, g_free);
  g_clear_pointer (&server->body, g_free);
  gtk_widget_activate_action (window, "win.refresh", NULL);
  assert_error_page (fixture, "The Server Has a Problem");
  g_assert_false (gtk_widget_get_visible (details));

  pb_window_set_client (fixture->window, NULL);
}

static void
test_loading_cancel_and_menu (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(PbTestServer) server = pb_test_server_new (FALSE);
  g_autoptr(PbClient) client = NULL;
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GtkWidget *cancel;

  pb_test_wait_until_idle (fixture->window, 50);
  g_assert_cmpstr (pb_window_get_view (fixture->window), ==, "welcome");

  /* The first load, with no list yet: the main menu and Cancel are there. */
  server->behaviour = PB_TEST_SERVER_STALL_HEADERS;
  client = show_server (fixture, server);
  pb_test_spin (200);
  g_assert_cmpstr (pb_window_get_view (fixture->window), ==, "loading");
  g_assert_true (pb_window_get_loading (fixture->window));
  g_assert_nonnull (pb_test_find_accessible (window, GTK_TYPE_MENU_BUTTON, "Main Menu"));
  cancel = pb_test_find_accessible (window, GTK_TYPE_BUTTON, "Cancel");
  g_assert_nonnull (cancel);

  /* Cancel: back to what was there, saying so. */
  pb_test_click (cancel);
  pb_test_wait_until_idle (fixture->window, 100);
  g_assert_false (pb_window_get_loading (fixture->window));
  g_assert_cmpstr (pb_window_get_view (fixture->window), ==, "welcome");
  g_assert_true (pb_test_shows_text (window, "Loading was cancelled", TRUE));
  g_assert_false (gtk_widget_is_sensitive (cancel));

  /* From an error page, Retry, then Cancel: the error page again. */
  server->behaviour = PB_TEST_SERVER_ANSWER;
  server->status = 503;
  gtk_widget_activate_action (window, "win.refresh", NULL);
  assert_error_page (fixture, "The Server Has a Problem");
  server->behaviour = PB_TEST_SERVER_STALL_HEADERS;
  pb_test_click (main_button (fixture));
  pb_test_spin (200);
  g_assert_cmpstr (pb_window_get_view (fixture->window), ==, "loading");
  pb_test_click (cancel);
  assert_error_page (fixture, "The Server Has a Problem");

  pb_window_set_client (fixture->window, NULL);
}

static void
test_redirect_elsewhere (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(PbTestServer) server = pb_test_server_new (FALSE);
  g_autoptr(PbTestServer) other = pb_test_server_new (FALSE);
  g_autoptr(PbClient) client = NULL;
  GtkWidget *window = GTK_WIDGET (fixture->window);

  server->redirect_all = TRUE;
  server->location = g_strconcat (other->base_url, "/v2/connections", NULL);
  client = show_server (fixture, server);

  assert_error_page (fixture, "The Server Sent Plugboard Elsewhere");
  g_assert_false (pb_test_shows_text (window, "Cannot Reach the Server", TRUE));
  g_assert_true (pb_test_shows_text (window, "Nothing was sent there.", FALSE));
  /* Not a byte, and so not the token, went to the other server. */
  pb_test_spin (100);
  g_assert_cmpuint (other->requests->len, ==, 0);
  g_assert_cmpuint (server->requests->len, >=, 1);
  g_assert_cmpstr (pb_test_server_get_request (server, 0)->authorization, ==, "Bearer " TOKEN);

  pb_window_set_client (fixture->window, NULL);
}

static void
test_offline_only_without_network (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GNetworkMonitor) monitor = pb_test_network_monitor_new (FALSE);
  g_autoptr(PbTestServer) server = pb_test_server_new (FALSE);
  g_autofree char *closed_url = g_strdup (server->base_url);
  g_autoptr(PbClient) refused = NULL;
  g_autoptr(PbClient) nowhere = NULL;
  GtkWidget *window = GTK_WIDGET (fixture->window);

  /* Even with the monitor saying the network is down, a server that refuses is there. */
  pb_http_set_network_monitor (monitor);
  g_clear_pointer (&server, pb_test_server_free);
  refused = pb_client_new (closed_url);
  pb_window_set_client (fixture->window, refused);
  assert_error_page (fixture, "Cannot Reach the Server");
  g_assert_false (pb_test_shows_text (window, "Offline", TRUE));
  g_assert_true (pb_test_shows_text (window, "The server “127.0.0.1:",
                                     FALSE));

  /* A name that does not resolve while the network is down: offline. */
  nowhere = pb_client_new ("http://plugboard.invalid");
  pb_window_set_client (fixture->window, nowhere);
  assert_error_page (fixture, "Offline");
  g_assert_true (pb_test_shows_text (window, "This computer is not connected to a network",
                                     FALSE));
  g_assert_true (main_button (fixture) ==
                 pb_test_find_accessible (window, GTK_TYPE_BUTTON, "Retry"));
  /* The keyboard starts on it: Enter retries (not the header bar's menu). */
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (window)) == main_button (fixture));

  /* Back online, Plugboard tries again by itself (and this name still does not resolve). */
  pb_test_network_monitor_set_available (PB_TEST_NETWORK_MONITOR (monitor), TRUE);
  assert_error_page (fixture, "Cannot Reach the Server");
  g_assert_true (pb_test_shows_text (window, "“plugboard.invalid”", FALSE));

  pb_window_set_client (fixture->window, NULL);
  pb_http_set_network_monitor (NULL);
}

int
main (int   argc,
      char *argv[])
{
  /* GTK's test accessibility backend keeps what each widget says to a screen reader: the
   * buttons are found by their accessible names. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/window-errors/rate-limited-counts-down", test_rate_limited_counts_down);
  ADD ("/window-errors/rate-limited-http-date", test_rate_limited_http_date);
  ADD ("/window-errors/unexpected-answer-details", test_unexpected_answer_details);
  ADD ("/window-errors/loading-cancel-and-menu", test_loading_cancel_and_menu);
  ADD ("/window-errors/redirect-elsewhere", test_redirect_elsewhere);
  ADD ("/window-errors/offline-only-without-network", test_offline_only_without_network);

#undef ADD

  return g_test_run ();
}
