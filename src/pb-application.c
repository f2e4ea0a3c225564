/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-application"

#include "config.h"

#include <glib/gi18n.h>

#include "pb-account-store.h"
#include "pb-application.h"
#include "pb-compare-window.h"
#include "pb-demo-server.h"
#include "pb-history.h"
#include "pb-preferences-window.h"
#include "pb-window.h"

/* What the demo's offline copy and history are kept under, as an account's id; the second
 * data set (Compare Accounts…) has its own. */
#define DEMO_SOURCE_ID "demo"
#define DEMO_PRODUCTION_ID "demo-production"

struct _PbApplication
{
  AdwApplication  parent_instance;

  PbClient       *client;
  char           *source_title;
  char           *source_id;
  PbDemoServer   *demo_server;
  PbDemoServer   *demo_production; /* the second demo data set, for Compare Accounts… */

  PbAccountStore *accounts;
  PbAccount      *account;        /* the one the client uses */
  GCancellable   *accounts_cancellable;
  GError         *accounts_error;
  GSimpleAction  *account_action;
};

G_DEFINE_FINAL_TYPE (PbApplication, pb_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_SOURCE_TITLE,
  PROP_SOURCE_ID,
  PROP_DEMO,
  PROP_ACCOUNTS_LOADING,
  PROP_ACCOUNTS_ERROR,
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
pb_application_get_source_id (PbApplication *self)
{
  g_return_val_if_fail (PB_IS_APPLICATION (self), NULL);

  return self->source_id;
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
                           const char    *title,
                           const char    *id)
{
  g_assert (PB_IS_APPLICATION (self));

  /* The id first: whoever follows the client reads it when the client changes. */
  if (g_strcmp0 (self->source_id, id) != 0)
    {
      g_free (self->source_id);
      self->source_id = g_strdup (id);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE_ID]);
    }
  if (g_set_object (&self->client, client))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
  if (g_strcmp0 (self->source_title, title) != 0)
    {
      g_free (self->source_title);
      self->source_title = g_strdup (title);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE_TITLE]);
    }
}

PbAccountStore *
pb_application_get_accounts (PbApplication *self)
{
  g_return_val_if_fail (PB_IS_APPLICATION (self), NULL);

  return self->accounts;
}

gboolean
pb_application_get_accounts_loading (PbApplication *self)
{
  g_return_val_if_fail (PB_IS_APPLICATION (self), FALSE);

  return self->accounts_cancellable != NULL;
}

const GError *
pb_application_get_accounts_error (PbApplication *self)
{
  g_return_val_if_fail (PB_IS_APPLICATION (self), NULL);

  return self->accounts_error;
}

static void pb_application_use_active_account (PbApplication *self);

/* Every window says whether the account on screen is a production tenant (never the demo). */
static gboolean
pb_application_get_production (PbApplication *self)
{
  return self->demo_server == NULL && self->account != NULL
         && pb_account_get_production (self->account);
}

static void
pb_application_update_production (PbApplication *self)
{
  gboolean production = pb_application_get_production (self);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (PB_IS_WINDOW (l->data))
      pb_window_set_production (PB_WINDOW (l->data), production);
}

static void
pb_application_window_added (GtkApplication *app,
                             GtkWindow      *window)
{
  GTK_APPLICATION_CLASS (pb_application_parent_class)->window_added (app, window);

  if (PB_IS_WINDOW (window))
    pb_window_set_production (PB_WINDOW (window),
                              pb_application_get_production (PB_APPLICATION (app)));
}

/* The window calls the account by the name the user gave it (or its host, without one). */
static void
pb_application_account_renamed (PbApplication *self)
{
  pb_application_set_source (self, self->client, pb_account_get_name (self->account),
                             pb_account_get_id (self->account));
}

static void
pb_application_forget_account (PbApplication *self)
{
  if (self->account == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->account, self);
  g_clear_object (&self->account);
}

static void
pb_application_account_changed (PbApplication *self)
{
  /* Another base URL (or other credentials) needs another client. Its handlers are connected
   * again below: one per account, however often it changes. */
  pb_application_forget_account (self);
  pb_application_use_active_account (self);
}

static void
pb_application_use_active_account (PbApplication *self)
{
  PbAccount *active;
  g_autoptr(PbClient) client = NULL;

  g_assert (PB_IS_APPLICATION (self));

  if (self->demo_server != NULL || self->accounts == NULL)
    return;

  active = pb_account_store_get_active (self->accounts);
  g_simple_action_set_state (self->account_action,
                             g_variant_new_string (active ? pb_account_get_id (active) : ""));

  if (active == self->account && (active == NULL || self->client != NULL))
    {
      pb_application_update_production (self);
      return;
    }

  pb_application_forget_account (self);
  if (active != NULL)
    {
      self->account = g_object_ref (active);
      g_signal_connect_object (active, "notify::base-url",
                               G_CALLBACK (pb_application_account_changed), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (active, "notify::name",
                               G_CALLBACK (pb_application_account_renamed), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (active, "notify::production",
                               G_CALLBACK (pb_application_update_production), self,
                               G_CONNECT_SWAPPED);
      client = pb_client_new (pb_account_get_base_url (active));
      pb_client_set_token_source (client, PB_TOKEN_SOURCE (active));
    }

  pb_application_set_source (self, client,
                             active ? pb_account_get_name (active) : NULL,
                             active ? pb_account_get_id (active) : NULL);
  pb_application_update_production (self);
}

static void
pb_application_account_saved (PbApplication *self,
                              PbAccount     *account)
{
  /* New credentials for the account on screen: load its list with them, whatever the last
   * attempt showed (a refused sign-in stays on screen until something starts over). */
  if (account == self->account)
    pb_application_account_changed (self);
}

static void
pb_application_load_accounts_cb (GObject      *object,
                                 GAsyncResult *result,
                                 gpointer      user_data)
{
  g_autoptr(PbApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!pb_account_store_load_finish (PB_ACCOUNT_STORE (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->accounts_cancellable);
  g_clear_error (&self->accounts_error);
  if (error != NULL)
    {
      g_debug ("Loading the accounts failed: %s", error->message);
      self->accounts_error = g_steal_pointer (&error);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNTS_ERROR]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNTS_LOADING]);
  pb_application_use_active_account (self);
}

static void
pb_application_load_accounts (PbApplication *self)
{
  g_assert (PB_IS_APPLICATION (self));

  g_cancellable_cancel (self->accounts_cancellable);
  g_clear_object (&self->accounts_cancellable);
  self->accounts_cancellable = g_cancellable_new ();
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNTS_LOADING]);

  pb_account_store_load_async (self->accounts, self->accounts_cancellable,
                               pb_application_load_accounts_cb, g_object_ref (self));
}

static void
demo_history_cleared_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!pb_history_clear_finish (result, &error))
    g_debug ("The demo's earlier history stays: %s", error->message);
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
  pb_application_forget_account (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEMO]);
  /* The demo's writes keep a history, as an account's do, so that History and Restore can be
   * tried; each demo starts without one, as its data set starts afresh. */
  pb_history_clear_async (DEMO_SOURCE_ID, NULL, demo_history_cleared_cb, NULL);
  pb_history_clear_async (DEMO_PRODUCTION_ID, NULL, demo_history_cleared_cb, NULL);
  pb_application_set_source (self, client, _("Demo Data"), DEMO_SOURCE_ID);
  pb_application_update_production (self);

  return TRUE;
}

PbDemoServer *
pb_application_get_demo_server (PbApplication  *self,
                                PbDemoDataSet   data_set,
                                GError        **error)
{
  g_autoptr(PbDemoServer) server = NULL;

  g_return_val_if_fail (PB_IS_APPLICATION (self), NULL);

  if (self->demo_server == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                           _("The demo data is not shown"));
      return NULL;
    }
  if (data_set == PB_DEMO_DATA_SET_STAGING)
    return self->demo_server;
  if (self->demo_production != NULL)
    return self->demo_production;

  /* Started when first asked for: the main window shows staging only. */
  server = pb_demo_server_new ();
  pb_demo_server_load_data_set (server, PB_DEMO_DATA_SET_PRODUCTION);
  if (!pb_demo_server_start (server, 0, error))
    return NULL;
  g_debug ("Demo production server at %s", pb_demo_server_get_base_url (server));
  self->demo_production = g_steal_pointer (&server);
  return self->demo_production;
}

const char *
pb_application_get_demo_source_id (PbDemoDataSet data_set)
{
  return data_set == PB_DEMO_DATA_SET_PRODUCTION ? DEMO_PRODUCTION_ID : DEMO_SOURCE_ID;
}

static void
pb_application_stop_demo (PbApplication *self)
{
  if (self->demo_server == NULL)
    return;

  if (self->demo_production != NULL)
    pb_demo_server_stop (self->demo_production);
  g_clear_object (&self->demo_production);
  pb_demo_server_stop (self->demo_server);
  g_clear_object (&self->demo_server);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEMO]);
  pb_application_set_source (self, NULL, NULL, NULL);
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
pb_application_preferences_action (GSimpleAction *action,
                                   GVariant      *param,
                                   gpointer       user_data)
{
  PbApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *preferences;

  g_assert (PB_IS_APPLICATION (self));

  preferences = pb_preferences_window_new (parent, self->accounts);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
pb_application_compare_action (GSimpleAction *action,
                               GVariant      *param,
                               gpointer       user_data)
{
  PbApplication *self = user_data;

  g_assert (PB_IS_APPLICATION (self));

  gtk_window_present (GTK_WINDOW (pb_compare_window_new (self)));
}

static void
pb_application_reload_accounts_action (GSimpleAction *action,
                                       GVariant      *param,
                                       gpointer       user_data)
{
  pb_application_load_accounts (PB_APPLICATION (user_data));
}

static void
pb_application_account_action (GSimpleAction *action,
                               GVariant      *param,
                               gpointer       user_data)
{
  PbApplication *self = user_data;
  PbAccount *account;

  g_assert (PB_IS_APPLICATION (self));

  account = pb_account_store_lookup (self->accounts, g_variant_get_string (param, NULL));
  if (account == NULL)
    return;

  /* Choosing an account leaves the demo data. */
  pb_application_stop_demo (self);
  pb_account_store_set_active (self->accounts, account);
  pb_application_use_active_account (self);
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
  gboolean asking = FALSE;

  /* Edits not saved are not lost without asking: such a window closes as Ctrl+W closes it
   * (the question first); the application ends with its last window. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (user_data)); l; l = l->next)
    if (PB_IS_WINDOW (l->data) && pb_window_get_has_unsaved_edits (l->data))
      {
        asking = TRUE;
        gtk_window_present (l->data);
        gtk_window_close (l->data);
        break;
      }

  if (!asking)
    g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { "demo", pb_application_demo_action },
  { "preferences", pb_application_preferences_action },
  { "compare", pb_application_compare_action },
  { "reload-accounts", pb_application_reload_accounts_action },
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
  PbApplication *self = PB_APPLICATION (app);
  g_autoptr(GSettings) settings = NULL;
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

  /* The accounts menu: app.account with the id of the active account as its state. */
  self->account_action = g_simple_action_new_stateful ("account", G_VARIANT_TYPE_STRING,
                                                       g_variant_new_string (""));
  g_signal_connect_object (self->account_action, "change-state",
                           G_CALLBACK (pb_application_account_action), self, 0);
  g_action_map_add_action (G_ACTION_MAP (app), G_ACTION (self->account_action));

  settings = g_settings_new (APP_ID);
  self->accounts = pb_account_store_new (settings);
  g_signal_connect_object (self->accounts, "saved",
                           G_CALLBACK (pb_application_account_saved), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->accounts, "notify::active",
                           G_CALLBACK (pb_application_use_active_account), self,
                           G_CONNECT_SWAPPED);
  pb_application_load_accounts (self);

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

  g_cancellable_cancel (self->accounts_cancellable);
  g_clear_object (&self->accounts_cancellable);
  g_clear_error (&self->accounts_error);
  pb_application_forget_account (self);
  g_clear_object (&self->accounts);
  g_clear_object (&self->account_action);
  g_clear_object (&self->client);
  if (self->demo_server != NULL)
    pb_demo_server_stop (self->demo_server);
  g_clear_object (&self->demo_server);
  if (self->demo_production != NULL)
    pb_demo_server_stop (self->demo_production);
  g_clear_object (&self->demo_production);
  g_clear_pointer (&self->source_title, g_free);
  g_clear_pointer (&self->source_id, g_free);

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

    case PROP_SOURCE_ID:
      g_value_set_string (value, self->source_id);
      break;

    case PROP_DEMO:
      g_value_set_boolean (value, pb_application_get_demo (self));
      break;

    case PROP_ACCOUNTS_LOADING:
      g_value_set_boolean (value, pb_application_get_accounts_loading (self));
      break;

    case PROP_ACCOUNTS_ERROR:
      g_value_set_boxed (value, self->accounts_error);
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
  GtkApplicationClass *gtk_app_class = GTK_APPLICATION_CLASS (klass);

  object_class->dispose = pb_application_dispose;
  object_class->get_property = pb_application_get_property;

  app_class->handle_local_options = pb_application_handle_local_options;
  app_class->startup = pb_application_startup;
  app_class->activate = pb_application_activate;
  gtk_app_class->window_added = pb_application_window_added;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         PB_TYPE_CLIENT,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SOURCE_TITLE] =
    g_param_spec_string ("source-title", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SOURCE_ID] =
    g_param_spec_string ("source-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DEMO] =
    g_param_spec_boolean ("demo", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ACCOUNTS_LOADING] =
    g_param_spec_boolean ("accounts-loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ACCOUNTS_ERROR] =
    g_param_spec_boxed ("accounts-error", NULL, NULL,
                        G_TYPE_ERROR,
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
