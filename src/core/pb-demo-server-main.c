/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-demo-server-main"

#include "config.h"

#include <locale.h>
#include <stdio.h>

#include <glib-unix.h>
#include <glib/gi18n-lib.h>

#include "pb-demo-server.h"

/* plugboard-demo-server: serves the Connection REST API on 127.0.0.1 with the built-in demo
 * data (or a file of one's own) until it is interrupted. */

static gboolean
quit_cb (gpointer user_data)
{
  GMainLoop *loop = user_data;

  g_main_loop_quit (loop);
  return G_SOURCE_CONTINUE;
}

int main (int argc, char **argv);

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(PbDemoServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data_file = NULL;
  g_autofree char *token = NULL;
  int port = 0;
  int latency = 0;
  int generate = -1;
  int seed = 1;
  guint sigint_id;
  guint sigterm_id;
  const GOptionEntry entries[] = {
    { "port", 'p', G_OPTION_FLAG_NONE, G_OPTION_ARG_INT, &port,
      N_("Port to listen on (0 picks a free one)"), N_("PORT") },
    { "data", 'd', G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, &data_file,
      N_("Serve the connections of this file ({\"items\": […]}) instead of the demo data"),
      N_("FILE") },
    { "token", 't', G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &token,
      N_("Access token to accept (a random one by default)"), N_("TOKEN") },
    { "latency", 'l', G_OPTION_FLAG_NONE, G_OPTION_ARG_INT, &latency,
      N_("Wait this long before each answer"), N_("MILLISECONDS") },
    { "generate", 'g', G_OPTION_FLAG_NONE, G_OPTION_ARG_INT, &generate,
      N_("Serve this many generated connections instead of the demo data"), N_("COUNT") },
    { "seed", 's', G_OPTION_FLAG_NONE, G_OPTION_ARG_INT, &seed,
      N_("Seed of the generated connections"), N_("NUMBER") },
    { NULL }
  };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                _("Serves the Plugboard demo data over the Connection REST API "
                                  "on this computer only, until interrupted."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  if (port < 0 || port > G_MAXUINT16)
    {
      g_printerr (_("The port must be a number from 0 to 65535.\n"));
      return 2;
    }
  if (latency < 0)
    {
      g_printerr (_("The latency cannot be negative.\n"));
      return 2;
    }
  if (data_file != NULL && generate >= 0)
    {
      g_printerr (_("Choose either a data file or generated connections, not both.\n"));
      return 2;
    }

  server = pb_demo_server_new ();

  if (data_file != NULL)
    {
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (!g_file_get_contents (data_file, &contents, &length, &error)
          || !pb_demo_server_load_data (server, contents, length, &error))
        {
          g_autofree char *display = g_filename_display_name (data_file);

          /* Translators: the first %s is a file name, the second says what went wrong. */
          g_printerr (_("Cannot use “%s”: %s\n"), display, error->message);
          return 1;
        }
    }
  else if (generate >= 0)
    {
      pb_demo_server_generate (server, generate, (guint32) seed);
    }

  if (token != NULL)
    pb_demo_server_set_token (server, token);
  pb_demo_server_set_latency (server, latency);

  if (!pb_demo_server_start (server, port, &error))
    {
      g_printerr (_("The demo server could not start: %s\n"), error->message);
      return 1;
    }

  loop = g_main_loop_new (NULL, FALSE);
  sigint_id = g_unix_signal_add (SIGINT, quit_cb, loop);
  sigterm_id = g_unix_signal_add (SIGTERM, quit_cb, loop);

  g_print (_("Plugboard demo server with %u connections\n"),
           pb_demo_server_get_n_connections (server));
  g_print (_("Base URL: %s\n"), pb_demo_server_get_base_url (server));
  g_print (_("Token: %s\n"), pb_demo_server_get_token (server));
  g_print (_("Press Ctrl+C to stop.\n"));
  fflush (stdout);

  g_main_loop_run (loop);

  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);
  pb_demo_server_stop (server);
  g_print (_("Stopped after %u requests.\n"), pb_demo_server_get_n_requests (server));

  return 0;
}
