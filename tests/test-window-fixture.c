/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The set-up of the window's tests: see test-window-fixture.h. */
#include "config.h"

#include "pb-test-ui.h"
#include "test-window-fixture.h"

void
fixture_init (int    *argc,
              char ***argv)
{
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  adw_init ();
}

void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->server = pb_demo_server_new ();
  g_assert_true (pb_demo_server_start (fixture->server, 0, &error));
  g_assert_no_error (error);

  fixture->client = pb_client_new (pb_demo_server_get_base_url (fixture->server));
  pb_client_set_access_token (fixture->client, pb_demo_server_get_token (fixture->server));

  fixture->window = g_object_new (PB_TYPE_WINDOW, NULL);
  g_object_ref_sink (fixture->window);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1100, 700);
  gtk_window_present (GTK_WINDOW (fixture->window));
}

void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gpointer store = pb_window_get_store (fixture->window);

  g_object_add_weak_pointer (G_OBJECT (store), &store);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (fixture->window);
  /* The window's store goes with it, and with every load it started; after a write, once it
   * saved the offline copy in the background. */
  pb_test_wait_until_limit (pb_test_is_null, &store, 10);
  g_assert_null (store);
  g_assert_finalize_object (fixture->client);
  pb_demo_server_stop (fixture->server);
  g_assert_finalize_object (fixture->server);
}

PbTestDialog *
fixture_run_test_dialog (Fixture *fixture)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  PbTestDialog *dialog = NULL;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.test-connection", NULL);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (PB_IS_TEST_DIALOG (toplevel))
        dialog = PB_TEST_DIALOG (toplevel);
    }
  g_assert_nonnull (dialog);

  for (guint i = 0; i < 100 && pb_test_dialog_get_running (dialog); i++)
    pb_test_wait_until_idle (fixture->window, 100);
  g_assert_false (pb_test_dialog_get_running (dialog));

  return dialog;
}

void
fixture_close_test_dialog (Fixture      *fixture,
                           PbTestDialog *dialog)
{
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  pb_test_wait_until_idle (fixture->window, 100);
  g_assert_null (dialog);
}
