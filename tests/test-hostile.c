/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-hostile"

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <adwaita.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "pb-account.h"
#include "pb-client.h"
#include "pb-connection.h"
#include "pb-test-ui.h"
#include "pb-window.h"
#include "test-hostile.h"

/* The main window against a server that misbehaves, one way per case: what a person sees.
 *
 * Each case runs twice: as the first load of an empty window (the error page must show the
 * title and the sentence for the problem, and no row), and as a refresh after a good load (the
 * rows stay, the window stays on its list, and a toast says what happened). Every case also
 * checks that nothing logged a warning, that the token never shows on screen, and that the
 * window and the client are freed at the end. tests/test-client.c checks the same server
 * behaviours at the level of PbClient; this suite is about the window. */

#define WAIT_LIMIT  90 /* seconds: only reached when something is broken */

/* {{{ What the test sees */

static GPtrArray *logged_problems;

/* Every warning or critical of the process (none is allowed) goes to the test's verdict. */
static GLogWriterOutput
log_writer (GLogLevelFlags   log_level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  if (log_level & (G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL))
    {
      for (gsize i = 0; logged_problems != NULL && i < n_fields; i++)
        if (g_strcmp0 (fields[i].key, "MESSAGE") == 0)
          g_ptr_array_add (logged_problems,
                           g_strdup_printf ("logged: %s",
                                            fields[i].length < 0
                                              ? (const char *) fields[i].value : "?"));
      return g_log_writer_standard_streams (log_level, fields, n_fields, user_data);
    }

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

typedef struct
{
  PbTestServer  *server;
  PbTestServer  *other;      /* another origin, for the redirect away */
  PbClient      *client;
  PbWindow      *window;
  GPtrArray     *problems;  /* what went wrong, for the verdict */
  char          *pem_path;  /* a certificate file the case trusts, removed at the end */
} Fixture;

#define CHECK(fixture, cond, ...) \
  G_STMT_START { \
    if (!(cond)) \
      g_ptr_array_add ((fixture)->problems, g_strdup_printf (__VA_ARGS__)); \
  } G_STMT_END

static guint
n_rows (Fixture *fixture)
{
  return g_list_model_get_n_items (pb_window_get_shown_connections (fixture->window));
}

/* The title of the error page for a kind of failure: what a person reads. */
static const char *
expected_title (PbClientError code)
{
  switch (code)
    {
    case PB_CLIENT_ERROR_UNAUTHORIZED:
      return "Sign-In Refused";
    case PB_CLIENT_ERROR_FORBIDDEN:
      return "Access Denied";
    case PB_CLIENT_ERROR_RATE_LIMITED:
      return "Too Many Requests";
    case PB_CLIENT_ERROR_SERVER:
      return "The Server Has a Problem";
    case PB_CLIENT_ERROR_NETWORK:
      return "Cannot Reach the Server";
    case PB_CLIENT_ERROR_TIMEOUT:
      return "The Server Did Not Answer";
    case PB_CLIENT_ERROR_TLS:
      return "Untrusted Connection";
    case PB_CLIENT_ERROR_BAD_RESPONSE:
      return "Unexpected Answer";
    case PB_CLIENT_ERROR_OFFLINE:
      return "Offline";
    case PB_CLIENT_ERROR_REDIRECTED:
      return "The Server Sent Plugboard Elsewhere";
    case PB_CLIENT_ERROR_NOT_FOUND:
    case PB_CLIENT_ERROR_REJECTED:
    default:
      return "Could Not Load Connections";
    }
}

/* A case that may take the process down runs in a child process; the parent only reads the
 * child's verdict, with neither window nor server of its own. */
static gboolean
runs_in_child (const HostileCase *c)
{
  return c->crashes && !g_test_subprocess ();
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const HostileCase *c = data;

  if (runs_in_child (c))
    return;

  fixture->problems = g_ptr_array_new_with_free_func (g_free);
  logged_problems = fixture->problems;

  fixture->server = hostile_server_new (c->how == HOW_TLS_SELF_SIGNED);
  fixture->other = hostile_server_new (FALSE);

  fixture->client = pb_client_new (fixture->server->base_url);
  pb_client_set_access_token (fixture->client, TOKEN);
  if (c->how == HOW_STALL_HEADERS || c->how == HOW_STALL_BODY)
    pb_client_set_timeout (fixture->client, 1);

  fixture->window = g_object_new (PB_TYPE_WINDOW, NULL);
  g_object_ref_sink (fixture->window);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1100, 700);
  gtk_window_present (GTK_WINDOW (fixture->window));
}

/* Drops the last reference and waits (a little) for pending callbacks to let go of it. */
static void
assert_finalized (Fixture    *fixture,
                  gpointer    object,
                  const char *what)
{
  CHECK (fixture, pb_test_unref_and_wait_finalized (object, 10), "the %s was not freed", what);
}

static void
verdict (Fixture           *fixture,
         const HostileCase *c)
{
  g_autoptr(GString) all = g_string_new (NULL);

  logged_problems = NULL;
  for (guint i = 0; i < fixture->problems->len; i++)
    g_string_append_printf (all, "%s%s", i > 0 ? "; " : "",
                            (const char *) g_ptr_array_index (fixture->problems, i));

  if (fixture->problems->len > 0)
    g_test_fail_printf ("%s: %s", c->name, all->str);

  g_ptr_array_unref (fixture->problems);
}

/* Frees what the case made, checks that the window and the client go, and gives the verdict. */
static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  const HostileCase *c = data;

  if (runs_in_child (c))
    return;

  gtk_window_destroy (GTK_WINDOW (fixture->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  assert_finalized (fixture, g_steal_pointer (&fixture->window), "window");
  assert_finalized (fixture, g_steal_pointer (&fixture->client), "client");
  pb_test_server_free (fixture->server);
  pb_test_server_free (fixture->other);
  if (fixture->pem_path != NULL)
    g_unlink (fixture->pem_path);
  g_free (fixture->pem_path);
  verdict (fixture, c);
}

/* Checks that belong to every case. */
static void
check_common (Fixture           *fixture,
              const HostileCase *c)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);

  CHECK (fixture, !pb_test_shows_text (window, TOKEN, FALSE), "the token is on screen");

  if (c->how == HOW_REDIRECT_AWAY)
    {
      for (guint i = 0; i < fixture->other->requests->len; i++)
        {
          PbTestRequest *request = g_ptr_array_index (fixture->other->requests, i);

          CHECK (fixture, request->authorization == NULL,
                 "the token followed the redirect to %s", fixture->other->base_url);
        }
      CHECK (fixture, fixture->other->requests->len == 0,
             "the client followed a redirect to another origin");
    }

  if (c->how == HOW_HUGE_ANNOUNCED)
    CHECK (fixture, fixture->server->written < 8 * 1024 * 1024,
           "the client read %" G_GUINT64_FORMAT " bytes of an answer it must refuse",
           fixture->server->written);
}

/* }}} */
/* {{{ The two scenarios */

static void
run_first_load (Fixture           *fixture,
                const HostileCase *c)
{
  GtkWidget *window;

  window = GTK_WIDGET (fixture->window);
  hostile_misbehave (fixture->server, fixture->other, c);

  pb_window_set_client (fixture->window, fixture->client);
  pb_test_wait_until_idle (fixture->window, 0);

  if (c->code == LOADS)
    {
      CHECK (fixture, g_strcmp0 (pb_window_get_view (fixture->window), "connections") == 0,
             "the window shows “%s”, not the list", pb_window_get_view (fixture->window));
      CHECK (fixture, n_rows (fixture) == c->rows, "%u rows instead of %u",
             n_rows (fixture), c->rows);
      CHECK (fixture, pb_test_shows_text (window, c->shows, TRUE), "“%s” is not on screen",
             c->shows);
    }
  else
    {
      const char *title = expected_title ((PbClientError) c->code);

      CHECK (fixture, g_strcmp0 (pb_window_get_view (fixture->window), "error") == 0,
             "the window shows “%s”, not the error page", pb_window_get_view (fixture->window));
      CHECK (fixture, n_rows (fixture) == 0, "%u rows on an error", n_rows (fixture));
      CHECK (fixture, pb_test_shows_text (window, title, TRUE),
             "the title “%s” is not on screen", title);
      CHECK (fixture, pb_test_shows_text (window, c->fragment, FALSE),
             "no text on screen holds “%s”", c->fragment);
    }

  check_common (fixture, c);
}

static void
run_refresh (Fixture           *fixture,
             const HostileCase *c)
{
  GtkWidget *window;
  GtkSingleSelection *selection;
  g_autoptr(GTlsDatabase) trusting = NULL;

  window = GTK_WIDGET (fixture->window);

  if (c->how == HOW_TLS_SELF_SIGNED)
    {
      g_autoptr(GError) error = NULL;
      int fd = g_file_open_tmp ("hostile-XXXXXX.pem", &fixture->pem_path, &error);

      /* Trusted for the good load, then back to the system's trust on a new connection. */
      g_assert_no_error (error);
      close (fd);
      g_assert_true (g_file_set_contents (fixture->pem_path, pb_test_server_certificate_pem, -1,
                                          &error));
      trusting = g_tls_file_database_new (fixture->pem_path, &error);
      g_assert_no_error (error);
      pb_client_set_tls_database (fixture->client, trusting);
      fixture->server->close_after = TRUE;
    }

  pb_window_set_client (fixture->window, fixture->client);
  pb_test_wait_until_idle (fixture->window, 0);
  g_assert_cmpstr (pb_window_get_view (fixture->window), ==, "connections");
  g_assert_cmpuint (n_rows (fixture), ==, N_GOOD_ROWS);
  selection = GTK_SINGLE_SELECTION (pb_window_get_shown_connections (fixture->window));
  gtk_single_selection_set_selected (selection, 1);

  if (c->how == HOW_TLS_SELF_SIGNED)
    pb_client_set_tls_database (fixture->client, NULL);
  hostile_misbehave (fixture->server, fixture->other, c);
  gtk_widget_activate_action (window, "win.refresh", NULL);
  pb_test_wait_until_idle (fixture->window, 0);

  CHECK (fixture, g_strcmp0 (pb_window_get_view (fixture->window), "connections") == 0,
         "the window left its list for “%s”", pb_window_get_view (fixture->window));
  if (c->code == LOADS)
    {
      CHECK (fixture, n_rows (fixture) == c->rows, "%u rows instead of %u",
             n_rows (fixture), c->rows);
      CHECK (fixture, pb_test_shows_text (window, c->shows, TRUE), "“%s” is not on screen",
             c->shows);
    }
  else
    {
      CHECK (fixture, n_rows (fixture) == N_GOOD_ROWS, "%u rows instead of the %u shown",
             n_rows (fixture), N_GOOD_ROWS);
      CHECK (fixture, pb_test_shows_text (window, "Hostile Row 1", TRUE),
             "the rows shown before are gone from the screen");
      CHECK (fixture, gtk_single_selection_get_selected (selection) == 1,
             "the selection was lost");
      CHECK (fixture, pb_test_shows_text (window, c->fragment, FALSE),
             "no toast or text on screen holds “%s”", c->fragment);
    }

  check_common (fixture, c);
}

/* The whole case in a child process, so that a crash is a verdict and not the end of this
 * program; `what` says what failed. */
static void
run_in_child (const char *what)
{
  g_test_trap_subprocess (NULL, WAIT_LIMIT * 2 * G_USEC_PER_SEC,
                          G_TEST_SUBPROCESS_INHERIT_STDERR);
  if (!g_test_trap_has_passed ())
    g_test_fail_printf ("%s", what);
}

static void
test_case (Fixture       *fixture,
           gconstpointer  data)
{
  const HostileCase *c = data;
  gboolean first_load = strstr (g_test_get_path (), "/first-load/") != NULL;

  if (runs_in_child (c))
    {
      g_autofree char *what = g_strdup_printf ("%s: the %s scenario failed in a child process",
                                               c->name, first_load ? "first-load" : "refresh");

      run_in_child (what);
      return;
    }

  if (first_load)
    run_first_load (fixture, c);
  else
    run_refresh (fixture, c);
}

/* }}} */
/* {{{ A hostile token endpoint */

/* The window's client gets its tokens from an API-key account whose token endpoint is the
 * other server; the API server serves the good list. */
static PbAccount *
fixture_use_account (Fixture *fixture,
                     char    *token_answer /* owned */)
{
  PbAccount *account = pb_account_new ();
  g_autofree char *endpoint = g_strconcat (fixture->other->base_url, "/oauth/token", NULL);

  fixture->other->token_answer = token_answer;
  pb_account_set_base_url (account, fixture->server->base_url);
  pb_account_set_client_id (account, "client-hostile");
  pb_account_set_token_endpoint (account, endpoint);
  pb_account_set_secret (account, "client-secret-hostile-91d2");
  pb_client_set_token_source (fixture->client, PB_TOKEN_SOURCE (account));

  return account;
}

static const HostileCase token_case = { "token-endpoint", HOW_ANSWER };
static const HostileCase token_crash_case = { "token-endpoint", HOW_ANSWER, .crashes = TRUE };

/* An answer nested 400,000 deep (800 KB, under the 1 MiB the account reads): json-glib's
 * parser recurses once per level, on the main thread, so the account must refuse it first. */
static void
test_token_nested_deep (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(PbAccount) account = NULL;
  GString *answer;

  if (runs_in_child (data))
    {
      run_in_child ("a token answer nested 400,000 deep crashed the app");
      return;
    }

  answer = g_string_new ("{\"access_token\": \"minted-token-1\", \"nested\": ");
  for (guint i = 0; i < 400000; i++)
    g_string_append_c (answer, '[');
  for (guint i = 0; i < 400000; i++)
    g_string_append_c (answer, ']');
  g_string_append_c (answer, '}');
  account = fixture_use_account (fixture, g_string_free (answer, FALSE));

  pb_window_set_client (fixture->window, fixture->client);
  pb_test_wait_until_idle (fixture->window, 0);

  /* Whether json-glib gives up or reads it, the app goes on: a list or an error page. */
  CHECK (fixture, g_strcmp0 (pb_window_get_view (fixture->window), "loading") != 0,
         "the window still shows “loading”");
}

/* A token that claims to live for 2^63 - 1 seconds: the account must keep using it. */
static void
test_token_endless_lifetime (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(PbAccount) account = NULL;
  static const char answer[] = "{\"access_token\": \"minted-token-2\", "
                               "\"token_type\": \"Bearer\", "
                               "\"expires_in\": 9223372036854775807}";

  /* Before the account bounded the lifetime, expires_in * G_USEC_PER_SEC overflowed (undefined
   * behaviour), the token counted as expired at once and every request minted a new one. */
  account = fixture_use_account (fixture, g_strdup (answer));

  pb_window_set_client (fixture->window, fixture->client);
  pb_test_wait_until_idle (fixture->window, 0);
  g_assert_cmpstr (pb_window_get_view (fixture->window), ==, "connections");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.refresh", NULL);
  pb_test_wait_until_idle (fixture->window, 0);

  CHECK (fixture, n_rows (fixture) == N_GOOD_ROWS, "%u rows", n_rows (fixture));
  CHECK (fixture, fixture->other->n_token_requests == 1,
         "%u token requests for two loads with a token that does not expire",
         fixture->other->n_token_requests);
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_log_set_writer_func (log_writer, NULL, NULL);
  /* A warning fails the case through its verdict, with everything else the case saw; a
   * critical still ends the program. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  /* Transitions only make the cases slower; what they end on is the same. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  for (guint i = 0; i < n_hostile_cases; i++)
    {
      g_autofree char *first = g_strdup_printf ("/hostile/first-load/%s", hostile_cases[i].name);
      g_autofree char *refresh = g_strdup_printf ("/hostile/refresh/%s", hostile_cases[i].name);

      g_test_add (first, Fixture, &hostile_cases[i], fixture_set_up, test_case, fixture_tear_down);
      if (!hostile_cases[i].first_only)
        g_test_add (refresh, Fixture, &hostile_cases[i], fixture_set_up, test_case,
                    fixture_tear_down);
    }

  g_test_add ("/hostile/token-endpoint/nested-deep", Fixture, &token_crash_case,
              fixture_set_up, test_token_nested_deep, fixture_tear_down);
  g_test_add ("/hostile/token-endpoint/endless-lifetime", Fixture, &token_case,
              fixture_set_up, test_token_endless_lifetime, fixture_tear_down);

  return g_test_run ();
}
