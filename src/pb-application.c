/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-application"

#include "config.h"

#include <glib/gi18n.h>

#include "pb-application.h"
#include "pb-demo-server.h"
#include "pb-window.h"

struct _PbApplication
{
  AdwApplication  parent_instance;

  PbClient       *client;
  char           *source_title;
  PbDemoServer   *demo_server;
};

G_DEFINE_FINAL_TYPE (PbApplication, pb_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_SOURCE_TITLE,
  PROP_DEMO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const GOptionEntry option_entries[] = {
  { "demo", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Show the built-in demo data instead of an account"), NULL },
  { "version", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Print the version and exit"), NULL },
  { NULL }
};

PbApplication *
pb_application_new (void)
{
  return g_object_new (PB_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}

PbClient *
pb_application_get_client (PbApplication *self)
{
  g_return_val_if_fail (PB_IS_APPLICATION (self), NULL);

  return self->client;
}

const char *
pb_application_get_source_title (PbApplication *self)
{
  g_return_val_if_fail (PB_IS_APPLICATION (self), NULL);

  return self->source_title;
}

gboolean
pb_application_get_demo (PbApplication *self)
{
  g_return_val_if_fail (PB_IS_APPLICATION (self), FALSE);

  return self->demo_server != NULL;
}

static void
pb_application_set_source (PbApplication *self,
                           PbClient      *client,
                           const char    *title)
{
  g_assert (PB_IS_APPLICATION (self));

  if (g_set_object (&self->client, client))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
  if (g_strcmp0 (self->source_title, title) != 0)
    {
      g_free (self->source_title);
      self->source_title = g_strdup (title);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE_TITLE]);
    }
}

gboolean
pb_application_start_demo (PbApplication  *self,
                           GError        **error)
{
  g_autoptr(PbDemoServer) server = NULL;
  g_autoptr(PbClient) client = NULL;

  g_return_val_if_fail (PB_IS_APPLICATION (self), FALSE);

  if (self->demo_server != NULL)
    return TRUE;

  server = pb_demo_server_new ();
  if (!pb_demo_server_start (server, 0, error))
    return FALSE;

  g_debug ("Demo server at %s", pb_demo_server_get_base_url (server));

  client = pb_client_new (pb_demo_server_get_base_url (server));
  pb_client_set_access_token (client, pb_demo_server_get_token (server));

  self->demo_server = g_steal_pointer (&server);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEMO]);
  pb_application_set_source (self, client, _("Demo Data"));

  return TRUE;
}

static void
pb_application_demo_action (GSimpleAction *action,
                            GVariant      *param,
                            gpointer       user_data)
{
  PbApplication *self = user_data;
  g_autoptr(GError) error = NULL;

  g_assert (PB_IS_APPLICATION (self));

  if (!pb_application_start_demo (self, &error))
    {
      GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

      g_warning ("Could not start the demo server: %s", error->message);
      if (window != NULL)
        pb_window_show_message (PB_WINDOW (window),
                                _("The demo data could not be served on this computer"));
    }

  g_application_activate (G_APPLICATION (self));
}

static void
pb_application_about_action (GSimpleAction *action,
                             GVariant      *param,
                             gpointer       user_data)
{
  PbApplication *self = user_data;
  static const char *developers[] = { "Plugboard developers", NULL };
  GtkWidget *about;

  g_assert (PB_IS_APPLICATION (self));

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-name", _("Plugboard"),
                        "application-icon", APP_ID,
                        "developer-name", _("Plugboard developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("See the connections of Sitecore Personalize: every "
                                      "setting of every connection, point and click."),
                        "website", "https://github.com/plugboard/plugboard",
                        "issue-url", "https://github.com/plugboard/plugboard/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* Translators: put your names here, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
pb_application_quit_action (GSimpleAction *action,
                            GVariant      *param,
                            gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { "demo", pb_application_demo_action },
  { "about", pb_application_about_action },
  { "quit", pb_application_quit_action },
};

static gint
pb_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", "plugboard", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_contains (options, "demo"))
    {
      g_autoptr(GError) error = NULL;

      /* Works for a second launch too: the action runs in the first instance. */
      if (!g_application_register (app, NULL, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      g_action_group_activate_action (G_ACTION_GROUP (app), "demo", NULL);
    }

  return G_APPLICATION_CLASS (pb_application_parent_class)->handle_local_options (app, options);
}

static void
pb_application_startup (GApplication *app)
{
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "window.close", { "<Control>w", NULL } },
    { "win.search", { "<Control>f", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
  };

  G_APPLICATION_CLASS (pb_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action,
                                           accels[i].accels);
}

static void
pb_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (pb_window_new (PB_APPLICATION (app)));

  gtk_window_present (window);
}

static void
pb_application_dispose (GObject *object)
{
  PbApplication *self = (PbApplication *)object;

  g_clear_object (&self->client);
  if (self->demo_server != NULL)
    pb_demo_server_stop (self->demo_server);
  g_clear_object (&self->demo_server);
  g_clear_pointer (&self->source_title, g_free);

  G_OBJECT_CLASS (pb_application_parent_class)->dispose (object);
}

static void
pb_application_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PbApplication *self = PB_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case PROP_SOURCE_TITLE:
      g_value_set_string (value, self->source_title);
      break;

    case PROP_DEMO:
      g_value_set_boolean (value, pb_application_get_demo (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_application_class_init (PbApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = pb_application_dispose;
  object_class->get_property = pb_application_get_property;

  app_class->handle_local_options = pb_application_handle_local_options;
  app_class->startup = pb_application_startup;
  app_class->activate = pb_application_activate;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         PB_TYPE_CLIENT,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SOURCE_TITLE] =
    g_param_spec_string ("source-title", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DEMO] =
    g_param_spec_boolean ("demo", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pb_application_init (PbApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), NULL);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Browse the connections of Sitecore Personalize."));
}
