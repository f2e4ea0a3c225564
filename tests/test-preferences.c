/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-preferences"

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "pb-account-private.h"
#include "pb-account-store.h"
#include "pb-cache.h"
#include "pb-demo-server.h"
#include "pb-preferences-window.h"
#include "pb-test-ui.h"
#include "test-account-util.h"

/* Runs under Xvfb in a D-Bus session with an unlocked keyring (build-aux/test-session.sh). */

static GtkWidget *
child (GtkWidget  *window,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (window, PB_TYPE_PREFERENCES_WINDOW, name);

  g_assert_nonnull (object);

  return GTK_WIDGET (object);
}

static void
set_text (GtkWidget  *window,
          const char *row,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (child (window, row)), text);
}

static const char *
get_text (GtkWidget  *window,
          const char *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (child (window, row)));
}

static void
select_item (GtkWidget  *window,
             const char *row,
             guint       position)
{
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (window, row)), position);
}

static gboolean
is_shown (GtkWidget  *window,
          const char *name)
{
  GtkWidget *widget = child (window, name);

  return gtk_widget_get_visible (widget) && gtk_widget_get_child_visible (widget);
}

static gboolean
can_click (GtkWidget  *window,
           const char *button)
{
  return gtk_widget_get_visible (child (window, button))
         && gtk_widget_get_sensitive (child (window, button));
}

static void
click (GtkWidget  *window,
       const char *button)
{
  g_assert_true (can_click (window, button));
  g_signal_emit_by_name (child (window, button), "clicked");
}

static const char *
status_text (GtkWidget *window)
{
  return gtk_label_get_text (GTK_LABEL (child (window, "status_label")));
}

/* Waits until nothing is in flight and returns the status shown. */
static const char *
wait_until_idle (GtkWidget *window)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (gtk_widget_get_visible (child (window, "spinner")))
    {
      g_main_context_iteration (NULL, TRUE);
      if (g_get_monotonic_time () > deadline)
        g_error ("Still busy after a minute; the status is “%s”", status_text (window));
    }

  return status_text (window);
}

static void
wait_for_null (gpointer *pointer)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (*pointer != NULL)
    {
      g_main_context_iteration (NULL, FALSE);
      if (g_get_monotonic_time () > deadline)
        g_error ("An object was not freed");
    }
}

static GtkWidget *
new_window (PbAccountStore *store)
{
  GtkWidget *window = pb_preferences_window_new (NULL, store);

  gtk_window_present (GTK_WINDOW (window));

  return window;
}

static void
destroy_window (GtkWidget *window)
{
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_destroy (GTK_WINDOW (window));
  wait_for_null ((gpointer *) &window);
}

static guint
n_rows (GtkWidget *window)
{
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (child (window, "accounts_list"));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    n++;

  return n;
}

static GtkListBoxRow *
row_titled (GtkWidget  *window,
            const char *title)
{
  for (GtkWidget *row = gtk_widget_get_first_child (child (window, "accounts_list"));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title) == 0)
        return GTK_LIST_BOX_ROW (row);
    }

  return NULL;
}

static PbDemoServer *
start_demo_server (void)
{
  g_autoptr(PbDemoServer) server = pb_demo_server_new ();
  g_autoptr(GError) error = NULL;

  pb_demo_server_start (server, 0, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&server);
}

static void
stop_demo_server (PbDemoServer *server)
{
  pb_demo_server_stop (server);
  g_assert_finalize_object (server);
}

/* Addresses */

static void
test_http_refused (void)
{
  g_autoptr(PbAccountStore) store = pb_account_store_new (NULL);
  GtkWidget *window = new_window (store);

  /* A complete form: only the address decides. */
  set_text (window, "client_id_row", "client");
  set_text (window, "secret_row", "secret-for-the-form");
  g_assert_false (is_shown (window, "base_url_error"));
  g_assert_true (can_click (window, "save_button"));

  set_text (window, "base_url_row", "http://api-engage-eu.sitecorecloud.io");
  g_assert_true (is_shown (window, "base_url_error"));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (window, "base_url_error"))), ==,
                   "The address must start with https://, so that the credentials travel "
                   "encrypted. Plain http:// is allowed only for this computer (localhost, "
                   "127.0.0.1 or ::1).");
  g_assert_true (gtk_widget_has_css_class (child (window, "base_url_row"), "error"));
  g_assert_false (gtk_widget_get_sensitive (child (window, "save_button")));
  g_assert_false (gtk_widget_get_sensitive (child (window, "check_button")));

  /* This computer is fine over http. */
  set_text (window, "base_url_row", "http://127.0.0.1:8080");
  g_assert_false (is_shown (window, "base_url_error"));
  g_assert_false (gtk_widget_has_css_class (child (window, "base_url_row"), "error"));
  g_assert_true (can_click (window, "save_button"));
  set_text (window, "base_url_row", "http://[::1]:8080/");
  g_assert_false (is_shown (window, "base_url_error"));

  set_text (window, "base_url_row", "api-engage-eu");
  g_assert_true (is_shown (window, "base_url_error"));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (child (window,
                                                                         "base_url_error"))),
                                   "This is not a web address."));
  g_assert_false (gtk_widget_get_sensitive (child (window, "save_button")));

  set_text (window, "base_url_row", "https://api.boxever.com");
  g_assert_false (is_shown (window, "base_url_error"));
  g_assert_true (can_click (window, "save_button"));

  /* Nothing was saved on the way. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);

  destroy_window (window);
}

static void
test_token_endpoint_checked (void)
{
  g_autoptr(PbAccountStore) store = pb_account_store_new (NULL);
  GtkWidget *window = new_window (store);

  set_text (window, "client_id_row", "client");
  set_text (window, "secret_row", "secret-for-the-form");
  g_assert_false (is_shown (window, "token_endpoint_error"));
  g_assert_cmpstr (get_text (window, "token_endpoint_row"), ==,
                   "https://auth.sitecorecloud.io/oauth/token");
  g_assert_cmpstr (get_text (window, "audience_row"), ==, "https://api.sitecorecloud.io");

  set_text (window, "token_endpoint_row", "http://auth.example.com/oauth/token");
  g_assert_true (is_shown (window, "token_endpoint_error"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (child (window,
                                                                  "token_endpoint_error"))),
                            "https://"));
  g_assert_false (gtk_widget_get_sensitive (child (window, "save_button")));

  /* A pasted token does not use the token endpoint. */
  select_item (window, "sign_in_row", 1);
  g_assert_false (is_shown (window, "token_endpoint_error"));
  g_assert_true (can_click (window, "save_button"));

  destroy_window (window);
}

static void
test_region_fills_base_url (void)
{
  g_autoptr(PbAccountStore) store = pb_account_store_new (NULL);
  GtkWidget *window = new_window (store);
  AdwComboRow *region = ADW_COMBO_ROW (child (window, "region_row"));

  /* A new account starts in Europe. */
  g_assert_cmpuint (adw_combo_row_get_selected (region), ==, PB_REGION_EUROPE);
  g_assert_cmpstr (get_text (window, "base_url_row"), ==,
                   "https://api-engage-eu.sitecorecloud.io");

  select_item (window, "region_row", PB_REGION_JAPAN);
  g_assert_cmpstr (get_text (window, "base_url_row"), ==,
                   "https://api-engage-jpe.sitecorecloud.io");
  select_item (window, "region_row", PB_REGION_UNITED_STATES);
  g_assert_cmpstr (get_text (window, "base_url_row"), ==,
                   "https://api-engage-us.sitecorecloud.io");
  select_item (window, "region_row", PB_REGION_ASIA_PACIFIC);
  g_assert_cmpstr (get_text (window, "base_url_row"), ==,
                   "https://api-engage-ap.sitecorecloud.io");

  /* Typing an address picks the region it belongs to, or Custom. */
  set_text (window, "base_url_row", "https://api.boxever.com");
  g_assert_cmpuint (adw_combo_row_get_selected (region), ==, PB_REGION_CUSTOM);
  set_text (window, "base_url_row", "https://api-engage-eu.sitecorecloud.io/");
  g_assert_cmpuint (adw_combo_row_get_selected (region), ==, PB_REGION_EUROPE);

  /* Custom keeps what is there, to be edited. */
  select_item (window, "region_row", PB_REGION_CUSTOM);
  g_assert_cmpstr (get_text (window, "base_url_row"), ==,
                   "https://api-engage-eu.sitecorecloud.io/");

  destroy_window (window);
}

static void
test_sign_in_kinds (void)
{
  g_autoptr(PbAccountStore) store = pb_account_store_new (NULL);
  GtkWidget *window = new_window (store);

  g_assert_true (is_shown (window, "client_id_row"));
  g_assert_true (is_shown (window, "advanced_row"));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child (window,
                                                                              "secret_row"))),
                   ==, "Client Secret");
  /* Nothing entered: nothing to save, and the button says why. */
  g_assert_false (gtk_widget_get_sensitive (child (window, "save_button")));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (child (window, "save_button")), ==,
                   "Enter the client ID of the API key.");
  g_assert_false (gtk_widget_get_visible (child (window, "sign_out_button")));

  select_item (window, "sign_in_row", 1);
  g_assert_false (is_shown (window, "client_id_row"));
  g_assert_false (is_shown (window, "advanced_row"));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child (window,
                                                                              "secret_row"))),
                   ==, "Access Token");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (child (window, "save_button")), ==,
                   "Paste an access token.");

  set_text (window, "secret_row", "  pasted-token\n");
  g_assert_true (can_click (window, "save_button"));
  g_assert_true (can_click (window, "check_button"));

  destroy_window (window);
}

/* Check Sign-In */

static void
test_check_success (void)
{
  g_autoptr(PbAccountStore) store = pb_account_store_new (NULL);
  PbDemoServer *server = start_demo_server ();
  GtkWidget *window = new_window (store);
  g_autofree char *padded = g_strdup_printf (" %s\n", pb_demo_server_get_token (server));

  set_text (window, "base_url_row", pb_demo_server_get_base_url (server));
  select_item (window, "sign_in_row", 1);
  set_text (window, "secret_row", padded);

  click (window, "check_button");
  g_assert_cmpstr (status_text (window), ==, "Signing in…");
  g_assert_false (gtk_widget_get_sensitive (child (window, "save_button")));
  g_assert_cmpstr (wait_until_idle (window), ==, "Signed in. The API answered.");
  g_assert_true (gtk_widget_has_css_class (child (window, "status_label"), "success"));
  g_assert_cmpuint (pb_demo_server_get_n_requests (server), >=, 1);
  g_assert_true (can_click (window, "save_button"));

  /* A change makes the result stale. */
  set_text (window, "name_row", "Demo");
  g_assert_false (is_shown (window, "status_label"));

  /* The check saved nothing. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);

  destroy_window (window);
  stop_demo_server (server);
}

static void
test_check_api_key (void)
{
  g_autoptr(PbAccountStore) store = pb_account_store_new (NULL);
  PbDemoServer *server = start_demo_server ();
  g_autoptr(TokenServer) endpoint = token_server_new ();
  GtkWidget *window = new_window (store);
  guint n_requests;
  const char *text;

  /* The sign-in service hands out the demo server's token. */
  endpoint->body = g_strdup_printf ("{\"access_token\": \"%s\", \"token_type\": \"Bearer\", "
                                    "\"expires_in\": 900}", pb_demo_server_get_token (server));
  set_text (window, "base_url_row", pb_demo_server_get_base_url (server));
  set_text (window, "client_id_row", "demo-client");
  set_text (window, "secret_row", "demo-secret");
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (child (window, "advanced_row")), TRUE);
  set_text (window, "token_endpoint_row", endpoint->url);

  n_requests = pb_demo_server_get_n_requests (server);
  click (window, "check_button");
  g_assert_cmpstr (wait_until_idle (window), ==, "Signed in. The API answered.");
  g_assert_cmpuint (endpoint->n_requests, ==, 1);
  g_assert_cmpstr (g_hash_table_lookup (endpoint->form, "client_id"), ==, "demo-client");
  g_assert_cmpstr (g_hash_table_lookup (endpoint->form, "client_secret"), ==, "demo-secret");
  g_assert_cmpstr (g_hash_table_lookup (endpoint->form, "grant_type"), ==, "client_credentials");
  /* One small request is enough to know. */
  g_assert_cmpuint (pb_demo_server_get_n_requests (server), ==, n_requests + 1);

  /* A wrong secret: the sign-in service's own words. */
  endpoint->status = 401;
  g_free (endpoint->body);
  endpoint->body = g_strdup ("{\"error\":\"access_denied\","
                             "\"error_description\":\"Unauthorized\"}");
  set_text (window, "secret_row", "wrong-secret");
  click (window, "check_button");
  text = wait_until_idle (window);
  g_assert_cmpstr (text, ==,
                   "The sign-in service refused the API key: “Unauthorized”. Check the client "
                   "ID and client secret in Preferences.");
  g_assert_null (strstr (text, "wrong-secret"));
  g_assert_cmpstr (g_hash_table_lookup (endpoint->form, "client_secret"), ==, "wrong-secret");

  destroy_window (window);
  stop_demo_server (server);
}

static void
test_check_failure (void)
{
  g_autoptr(PbAccountStore) store = pb_account_store_new (NULL);
  PbDemoServer *server = start_demo_server ();
  GtkWidget *window = new_window (store);
  g_autofree char *down = NULL;
  const char *text;
  guint port;

  /* A token the API refuses. */
  set_text (window, "base_url_row", pb_demo_server_get_base_url (server));
  select_item (window, "sign_in_row", 1);
  set_text (window, "secret_row", "not-the-demo-token");
  click (window, "check_button");
  g_assert_cmpstr (wait_until_idle (window), ==,
                   "The access token expired or was refused. Paste a new one in Preferences.");
  g_assert_true (gtk_widget_has_css_class (child (window, "status_label"), "error"));

  /* An API key whose token endpoint is not there. */
  port = pb_demo_server_get_port (server);
  stop_demo_server (server);
  down = g_strdup_printf ("http://127.0.0.1:%u/oauth/token", port);
  select_item (window, "sign_in_row", 0);
  set_text (window, "client_id_row", "client");
  set_text (window, "secret_row", "client-secret");
  set_text (window, "token_endpoint_row", down);
  click (window, "check_button");
  text = wait_until_idle (window);
  g_assert_true (g_str_has_prefix (text, "Could not reach the sign-in service at “127.0.0.1:"));
  g_assert_null (strstr (text, "client-secret"));
  g_assert_true (gtk_widget_has_css_class (child (window, "status_label"), "error"));

  destroy_window (window);
}

static void
test_check_superseded (void)
{
  g_autoptr(PbAccountStore) store = pb_account_store_new (NULL);
  PbDemoServer *server = start_demo_server ();
  GtkWidget *window = new_window (store);

  /* A slow server, and the window closed while it answers: nothing crashes or leaks. */
  pb_demo_server_set_latency (server, 200);
  set_text (window, "base_url_row", pb_demo_server_get_base_url (server));
  select_item (window, "sign_in_row", 1);
  set_text (window, "secret_row", pb_demo_server_get_token (server));
  click (window, "check_button");
  g_assert_true (gtk_widget_get_visible (child (window, "spinner")));

  destroy_window (window);
  stop_demo_server (server);
}

/* Saving, switching and signing out (in the session keyring) */

static const char *
sign_in_description (GtkWidget *window)
{
  return adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (child (window,
                                                                         "sign_in_group")));
}

/* A saved secret never follows a changed address: Save and Check wait for it to be entered
 * again, the form says so beside it, and nothing reaches the new host. */
static void
test_address_changed (void)
{
  g_autoptr(PbAccountStore) store = pb_account_store_new (NULL);
  g_autoptr(PbTestServer) other = pb_test_server_new (FALSE);
  g_autoptr(PbAccount) account = new_api_key_account ("Moved", "client", "saved-secret-5e1");
  g_autofree char *other_endpoint = g_strconcat (other->base_url, "/oauth/token", NULL);
  g_autoptr(GError) error = NULL;
  PbAccount *live;
  GtkWidget *window;
  const char *endpoint;

  pb_account_set_base_url (account, "http://127.0.0.1:9/");
  live = save_account (store, account, &error);
  g_assert_no_error (error);
  pb_account_store_set_active (store, live);
  window = new_window (store);
  g_assert_true (pb_preferences_window_get_account (PB_PREFERENCES_WINDOW (window)) == live);
  endpoint = pb_account_get_token_endpoint (live);
  g_assert_true (can_click (window, "save_button"));
  g_assert_true (can_click (window, "check_button"));
  g_assert_nonnull (strstr (sign_in_description (window), "Leave it empty to keep it."));

  /* Another host for the API. */
  set_text (window, "base_url_row", other->base_url);
  g_assert_false (gtk_widget_get_sensitive (child (window, "save_button")));
  g_assert_false (gtk_widget_get_sensitive (child (window, "check_button")));
  g_assert_nonnull (strstr (sign_in_description (window), "enter it again"));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (child (window, "save_button")),
                            "Enter the client secret again"));

  /* Only the path changed: the saved secret applies. */
  set_text (window, "base_url_row", "http://127.0.0.1:9/tenant");
  g_assert_true (can_click (window, "save_button"));
  g_assert_nonnull (strstr (sign_in_description (window), "Leave it empty to keep it."));

  /* Another host for the token endpoint. */
  set_text (window, "token_endpoint_row", other_endpoint);
  g_assert_false (gtk_widget_get_sensitive (child (window, "save_button")));
  g_assert_false (gtk_widget_get_sensitive (child (window, "check_button")));
  g_assert_nonnull (strstr (sign_in_description (window), "enter it again"));

  /* A secret typed: it may go there; the sentence stays while the address differs. */
  set_text (window, "secret_row", "typed-secret-0d2");
  g_assert_true (can_click (window, "save_button"));
  g_assert_true (can_click (window, "check_button"));
  g_assert_nonnull (strstr (sign_in_description (window), "enter it again"));
  set_text (window, "secret_row", "");
  g_assert_false (gtk_widget_get_sensitive (child (window, "save_button")));

  /* Back as saved. */
  set_text (window, "token_endpoint_row", endpoint);
  g_assert_true (can_click (window, "save_button"));

  /* Nothing was sent to the new host, and the saved item is as it was. */
  pb_test_spin (100);
  g_assert_cmpuint (other->requests->len, ==, 0);
  g_assert_cmpuint (other->n_token_requests, ==, 0);
  g_assert_cmpstr (pb_account_get_base_url (live), ==, "http://127.0.0.1:9");
  g_assert_true (pb_account_get_has_secret (live));

  destroy_window (window);
  g_assert_true (remove_account (store, live, &error));
  g_assert_no_error (error);
}

/* The confirmation dialog: an AdwAlertDialog inside the window with libadwaita ≥ 1.5, an
 * AdwMessageDialog window before (see pb-preferences-window-actions.c). */
#if ADW_CHECK_VERSION (1, 5, 0)
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
typedef AdwAlertDialog Dialog;
# define dialog_get_heading             adw_alert_dialog_get_heading
# define dialog_get_body                adw_alert_dialog_get_body
# define dialog_get_response_appearance adw_alert_dialog_get_response_appearance
# define dialog_get_default_response    adw_alert_dialog_get_default_response
G_GNUC_END_IGNORE_DEPRECATIONS

static Dialog *
find_dialog (GtkWidget *window)
{
  GtkWidget *found;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  found = pb_test_find_by_type (window, ADW_TYPE_ALERT_DIALOG);
  G_GNUC_END_IGNORE_DEPRECATIONS

  return found != NULL ? (Dialog *) found : NULL;
}

/* As a click on one of its buttons: the response, then the dialog closes. */
static void
answer_dialog (Dialog     *dialog,
               const char *response)
{
  g_signal_emit_by_name (dialog, "response", response);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  adw_dialog_force_close (ADW_DIALOG (dialog));
  G_GNUC_END_IGNORE_DEPRECATIONS
}
#else
typedef AdwMessageDialog Dialog;
# define dialog_get_heading             adw_message_dialog_get_heading
# define dialog_get_body                adw_message_dialog_get_body
# define dialog_get_response_appearance adw_message_dialog_get_response_appearance
# define dialog_get_default_response    adw_message_dialog_get_default_response

static Dialog *
find_dialog (GtkWidget *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return ADW_MESSAGE_DIALOG (toplevel);
    }

  return NULL;
}

/* As a click on one of its buttons: the response, then the dialog closes. */
static void
answer_dialog (Dialog     *dialog,
               const char *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
}
#endif

/* Saves a new account with a pasted token for `server` through the form. */
static void
save_demo_account (GtkWidget    *window,
                   PbDemoServer *server,
                   const char   *name)
{
  set_text (window, "name_row", name);
  set_text (window, "base_url_row", pb_demo_server_get_base_url (server));
  select_item (window, "sign_in_row", 1);
  set_text (window, "secret_row", pb_demo_server_get_token (server));
  click (window, "save_button");
  g_assert_cmpstr (wait_until_idle (window), ==, "Saved.");
}

/* Closes the window as its close button does, and returns the question it asks. */
static Dialog *
close_and_find_dialog (GtkWidget *window)
{
  Dialog *dialog;

  gtk_window_close (GTK_WINDOW (window));
  pb_test_spin (50);
  dialog = find_dialog (window);
  g_assert_nonnull (dialog);

  return dialog;
}

static void
test_save_rename_sign_out (void)
{
  g_autoptr(PbAccountStore) store = pb_account_store_new (NULL);
  PbDemoServer *server = start_demo_server ();
  GtkWidget *window = new_window (store);
  g_autofree char *id = NULL;
  Dialog *dialog;
  PbAccount *account;

  g_assert_cmpuint (n_rows (window), ==, 1);
  g_assert_nonnull (row_titled (window, "Add Account"));

  save_demo_account (window, server, "Demo tenant");

  /* In the store (and active, as the first one), in the keyring, and in the list. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
  account = pb_account_store_get_active (store);
  g_assert_nonnull (account);
  g_assert_true (pb_preferences_window_get_account (PB_PREFERENCES_WINDOW (window)) == account);
  id = g_strdup (pb_account_get_id (account));
  g_assert_cmpstr (pb_account_get_name (account), ==, "Demo tenant");
  g_assert_cmpstr (pb_account_get_base_url (account), ==, pb_demo_server_get_base_url (server));
  g_assert_cmpuint (count_items (id), ==, 1);
  g_assert_cmpuint (n_rows (window), ==, 2);
  g_assert_nonnull (row_titled (window, "Demo tenant"));
  g_assert_true (gtk_list_box_get_selected_row (GTK_LIST_BOX (child (window, "accounts_list")))
                 == row_titled (window, "Demo tenant"));

  /* The secret is not shown again; an empty field keeps the saved one. */
  g_assert_cmpstr (get_text (window, "secret_row"), ==, "");
  g_assert_true (gtk_widget_get_visible (child (window, "sign_out_button")));
  g_assert_true (can_click (window, "check_button"));
  click (window, "check_button");
  g_assert_cmpstr (wait_until_idle (window), ==, "Signed in. The API answered.");

  /* Rename. */
  set_text (window, "name_row", "Demo (renamed)");
  click (window, "save_button");
  g_assert_cmpstr (wait_until_idle (window), ==, "Saved.");
  g_assert_cmpstr (pb_account_get_name (account), ==, "Demo (renamed)");
  g_assert_nonnull (row_titled (window, "Demo (renamed)"));
  g_assert_cmpuint (count_items (id), ==, 1);

  /* Remove the account, after saying no once. */
  click (window, "sign_out_button");
  dialog = find_dialog (window);
  g_assert_nonnull (dialog);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  g_assert_cmpstr (dialog_get_heading (dialog), ==, "Remove Account?");
  g_assert_true (g_str_has_prefix (dialog_get_body (dialog),
                                   "“Demo (renamed)” and its credentials are removed"));
  g_assert_cmpint (dialog_get_response_appearance (dialog, "remove"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  g_assert_cmpstr (dialog_get_default_response (dialog), ==, "cancel");
  G_GNUC_END_IGNORE_DEPRECATIONS
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  answer_dialog (dialog, "cancel");
  wait_for_null ((gpointer *) &dialog);
  g_assert_cmpuint (count_items (id), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);

  click (window, "sign_out_button");
  dialog = find_dialog (window);
  g_assert_nonnull (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  answer_dialog (dialog, "remove");
  wait_for_null ((gpointer *) &dialog);
  g_assert_cmpstr (wait_until_idle (window), ==,
                   "Account removed, with its credentials and its offline list.");
  g_assert_cmpuint (count_items (id), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
  g_assert_null (pb_account_store_get_active (store));
  g_assert_cmpuint (n_rows (window), ==, 1);
  /* Back to the form of a new account. */
  g_assert_false (pb_account_get_saved (pb_preferences_window_get_account (
                    PB_PREFERENCES_WINDOW (window))));
  g_assert_cmpstr (get_text (window, "name_row"), ==, "");

  destroy_window (window);
  stop_demo_server (server);
}

static void
test_select_accounts (void)
{
  g_autoptr(PbAccountStore) store = pb_account_store_new (NULL);
  GtkWidget *window = new_window (store);
  GtkListBox *list = GTK_LIST_BOX (child (window, "accounts_list"));
  PbAccount *first;
  PbAccount *second;

  /* Two accounts, one after the other, through the “Add Account” row. */
  set_text (window, "name_row", "Test tenant");
  select_item (window, "region_row", PB_REGION_JAPAN);
  set_text (window, "client_id_row", "client-test");
  set_text (window, "secret_row", "secret-test");
  click (window, "save_button");
  g_assert_cmpstr (wait_until_idle (window), ==, "Saved.");
  first = pb_preferences_window_get_account (PB_PREFERENCES_WINDOW (window));

  gtk_list_box_select_row (list, row_titled (window, "Add Account"));
  g_assert_false (pb_account_get_saved (pb_preferences_window_get_account (
                    PB_PREFERENCES_WINDOW (window))));
  g_assert_cmpstr (get_text (window, "name_row"), ==, "");
  g_assert_cmpstr (get_text (window, "client_id_row"), ==, "");
  set_text (window, "name_row", "Production tenant");
  select_item (window, "sign_in_row", 1);
  set_text (window, "secret_row", "token-production");
  set_text (window, "base_url_row", "https://api.boxever.com");
  click (window, "save_button");
  g_assert_cmpstr (wait_until_idle (window), ==, "Saved.");
  second = pb_preferences_window_get_account (PB_PREFERENCES_WINDOW (window));
  g_assert_true (first != second);
  g_assert_cmpuint (n_rows (window), ==, 3);
  /* The first one stays in use. */
  g_assert_true (pb_account_store_get_active (store) == first);

  /* Selecting a row shows that account. */
  gtk_list_box_select_row (list, row_titled (window, "Test tenant"));
  g_assert_true (pb_preferences_window_get_account (PB_PREFERENCES_WINDOW (window)) == first);
  g_assert_cmpstr (get_text (window, "name_row"), ==, "Test tenant");
  g_assert_cmpstr (get_text (window, "base_url_row"), ==,
                   "https://api-engage-jpe.sitecorecloud.io");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (child (window, "region_row"))),
                    ==, PB_REGION_JAPAN);
  g_assert_cmpstr (get_text (window, "client_id_row"), ==, "client-test");
  g_assert_true (is_shown (window, "client_id_row"));

  gtk_list_box_select_row (list, row_titled (window, "Production tenant"));
  g_assert_true (pb_preferences_window_get_account (PB_PREFERENCES_WINDOW (window)) == second);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (child (window, "region_row"))),
                    ==, PB_REGION_CUSTOM);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (child (window, "sign_in_row"))),
                    ==, 1);
  g_assert_false (is_shown (window, "client_id_row"));

  /* Switching elsewhere (the header bar) is seen here too; a new window opens on it. */
  pb_account_store_set_active (store, second);
  destroy_window (window);
  window = new_window (store);
  g_assert_true (pb_preferences_window_get_account (PB_PREFERENCES_WINDOW (window)) == second);
  pb_preferences_window_select_account (PB_PREFERENCES_WINDOW (window), first);
  g_assert_cmpstr (get_text (window, "name_row"), ==, "Test tenant");

  /* Clean the keyring up. */
  {
    g_autofree char *id1 = g_strdup (pb_account_get_id (first));
    g_autofree char *id2 = g_strdup (pb_account_get_id (second));

    secret_password_clear_sync (_pb_account_get_schema (), NULL, NULL, "account-id", id1, NULL);
    secret_password_clear_sync (_pb_account_get_schema (), NULL, NULL, "account-id", id2, NULL);
    g_assert_cmpuint (count_items (id1), ==, 0);
    g_assert_cmpuint (count_items (id2), ==, 0);
  }

  destroy_window (window);
}

/* Closing with an unsaved change asks: Cancel keeps editing, Discard closes without saving,
 * Save saves and closes. A save says so in a toast, not only under the buttons. */
static void
test_close_with_changes (void)
{
  g_autoptr(PbAccountStore) store = pb_account_store_new (NULL);
  PbDemoServer *server = start_demo_server ();
  GtkWidget *window = new_window (store);
  g_autofree char *id = NULL;
  Dialog *dialog;
  PbAccount *account;

  save_demo_account (window, server, "Demo");
  pb_test_wait_for_label (window, "Account saved");
  account = pb_account_store_get_active (store);
  id = g_strdup (pb_account_get_id (account));

  /* Nothing changed since: it closes without a question. */
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_close (GTK_WINDOW (window));
  wait_for_null ((gpointer *) &window);

  window = new_window (store);
  set_text (window, "name_row", "Demo (renamed)");
  dialog = close_and_find_dialog (window);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  g_assert_cmpstr (dialog_get_heading (dialog), ==, "Save Changes?");
  g_assert_cmpint (dialog_get_response_appearance (dialog, "discard"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  g_assert_cmpstr (dialog_get_default_response (dialog), ==, "cancel");
  G_GNUC_END_IGNORE_DEPRECATIONS
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  answer_dialog (dialog, "cancel");
  wait_for_null ((gpointer *) &dialog);
  pb_test_spin (50);
  g_assert_true (gtk_widget_get_visible (window));
  g_assert_cmpstr (get_text (window, "name_row"), ==, "Demo (renamed)");

  /* Discard: the window goes, the account keeps its name. */
  dialog = close_and_find_dialog (window);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  answer_dialog (dialog, "discard");
  wait_for_null ((gpointer *) &window);
  g_assert_cmpstr (pb_account_get_name (account), ==, "Demo");

  /* Save: saved, then closed. */
  window = new_window (store);
  set_text (window, "name_row", "Demo (saved on close)");
  dialog = close_and_find_dialog (window);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  answer_dialog (dialog, "save");
  wait_for_null ((gpointer *) &window);
  g_assert_cmpstr (pb_account_get_name (account), ==, "Demo (saved on close)");
  g_assert_cmpuint (count_items (id), ==, 1);

  secret_password_clear_sync (_pb_account_get_schema (), NULL, NULL, "account-id", id, NULL);
  g_assert_cmpuint (count_items (id), ==, 0);
  stop_demo_server (server);
}

static void
test_clear_offline_copies (void)
{
  g_autoptr(PbAccountStore) store = pb_account_store_new (NULL);
  g_autofree char *path = pb_cache_get_path ("some-account");
  g_autofree char *folder = g_path_get_dirname (path);
  GtkWidget *window;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "{\"items\": []}", -1, NULL));

  window = new_window (store);
  click (window, "clear_cache_button");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  destroy_window (window);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/preferences/url/http-refused", test_http_refused);
  g_test_add_func ("/preferences/url/token-endpoint", test_token_endpoint_checked);
  g_test_add_func ("/preferences/region/fills-base-url", test_region_fills_base_url);
  g_test_add_func ("/preferences/sign-in/kinds", test_sign_in_kinds);
  g_test_add_func ("/preferences/check/success", test_check_success);
  g_test_add_func ("/preferences/check/api-key", test_check_api_key);
  g_test_add_func ("/preferences/check/failure", test_check_failure);
  g_test_add_func ("/preferences/check/superseded", test_check_superseded);
  g_test_add_func ("/preferences/keyring/save-rename-sign-out", test_save_rename_sign_out);
  g_test_add_func ("/preferences/keyring/select-accounts", test_select_accounts);
  g_test_add_func ("/preferences/keyring/address-changed", test_address_changed);
  g_test_add_func ("/preferences/keyring/close-with-changes", test_close_with_changes);
  g_test_add_func ("/preferences/offline-copies/clear", test_clear_offline_copies);

  return g_test_run ();
}
