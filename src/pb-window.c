/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pb-accessible.h"
#include "pb-connection-row.h"
#include "pb-format.h"
#include "pb-window-private.h"

/* The main window: its lifecycle and layout, and what it shows of the store: the list, the
 * count, the loading page. What it says of errors is in pb-window-status.c, its actions are in
 * pb-window-actions.c. */

G_DEFINE_FINAL_TYPE (PbWindow, pb_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_SUBTITLE,
  PROP_CACHE_ID,
  PROP_LOADING,
  PROP_SEARCH,
  PROP_INCLUDE_SECRETS,
  PROP_SHOW_MODIFIED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static PbApplication *
pb_window_get_app (PbWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return PB_IS_APPLICATION (app) ? PB_APPLICATION (app) : NULL;
}

static void
pb_window_update_accounts_menu (PbWindow *self)
{
  PbApplication *app = pb_window_get_app (self);
  GListModel *accounts;

  g_menu_remove_all (self->accounts_section);
  if (app == NULL || (accounts = G_LIST_MODEL (pb_application_get_accounts (app))) == NULL)
    return;

  for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
    {
      g_autoptr(PbAccount) account = g_list_model_get_item (accounts, i);
      g_autoptr(GMenuItem) item = NULL;
      g_autofree char *name = NULL;

      g_signal_handlers_disconnect_by_func (account, pb_window_update_accounts_menu, self);
      g_signal_connect_object (account, "notify::name",
                               G_CALLBACK (pb_window_update_accounts_menu), self,
                               G_CONNECT_SWAPPED);

      name = pb_format_for_display (pb_account_get_name (account), PB_FORMAT_TITLE_CHARS);
      item = g_menu_item_new (name, NULL);
      g_menu_item_set_action_and_target_value (item, "app.account",
                                               g_variant_new_string (pb_account_get_id (account)));
      g_menu_append_item (self->accounts_section, item);
    }
}

PbWindow *
pb_window_new (PbApplication *application)
{
  PbWindow *self;

  g_return_val_if_fail (PB_IS_APPLICATION (application), NULL);

  self = g_object_new (PB_TYPE_WINDOW,
                       "application", application,
                       NULL);
  g_object_bind_property (application, "source-id", self, "cache-id", G_BINDING_SYNC_CREATE);
  g_object_bind_property (application, "client", self, "client", G_BINDING_SYNC_CREATE);
  g_object_bind_property (application, "source-title", self, "subtitle", G_BINDING_SYNC_CREATE);

  g_signal_connect_object (application, "notify::accounts-loading",
                           G_CALLBACK (_pb_window_load), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (application, "notify::accounts-error",
                           G_CALLBACK (_pb_window_load), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (pb_application_get_accounts (application), "items-changed",
                           G_CALLBACK (pb_window_update_accounts_menu), self, G_CONNECT_SWAPPED);
  pb_window_update_accounts_menu (self);
  if (pb_connection_store_get_client (self->store) == NULL)
    _pb_window_load (self);

  return self;
}

PbConnection *
_pb_window_get_selected (PbWindow *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

static void
pb_window_update_actions (PbWindow *self)
{
  static const char * const on_selection[] = {
    "win.copy-json", "win.copy-ref", "win.copy-curl", "win.copy-curl-filled", "win.export",
  };
  gboolean has_client = pb_connection_store_get_client (self->store) != NULL;
  /* The offline copy is stored masked, and testing a copy would test what may be gone: both
   * wait for the live list (the banner says so). */
  gboolean offline = pb_connection_store_get_offline_copy (self->store);
  PbConnection *selected = _pb_window_get_selected (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.refresh", has_client);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reload-connection",
                                 has_client && selected != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.test-connection",
                                 has_client && selected != NULL && !offline);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.include-secrets", !offline);
  gtk_widget_set_tooltip_text (self->test_button,
                               offline ? _("Testing waits for the list from the server")
                                       : _("Ask Sitecore Personalize to Call This Connection’s Service"));
  for (guint i = 0; i < G_N_ELEMENTS (on_selection); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), on_selection[i], selected != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-all",
                                 g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) > 0);
}

gboolean
pb_window_get_loading (PbWindow *self)
{
  g_return_val_if_fail (PB_IS_WINDOW (self), FALSE);

  return pb_connection_store_get_loading (self->store);
}

/* At 360 px the header bars have room for their titles only with fewer buttons: folded, the
 * list's Refresh is in the main menu (its spinner still shows while the list loads), and the
 * page's name is its own heading, whole, rather than a title cut to "Abandoned C…". */
static void
pb_window_update_header_bars (PbWindow *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  gtk_widget_set_visible (GTK_WIDGET (self->refresh_stack),
                          !folded || pb_window_get_loading (self));
  gtk_widget_set_visible (GTK_WIDGET (self->content_title), !folded);
}

static void
pb_window_loading_changed (PbWindow *self)
{
  gboolean loading = pb_window_get_loading (self);

  /* The spinners bind to the store's "loading" in pb-window.ui. */
  gtk_stack_set_visible_child_name (self->refresh_stack, loading ? "spinner" : "button");
  pb_window_update_header_bars (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-load", loading);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* The list, or the page that says why it is empty; and the count under it. */
static void
pb_window_update_sidebar (PbWindow *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->store));

  _pb_window_update_filter_state (self);

  if (shown == 0)
    _pb_window_update_empty_page (self, total);
  gtk_stack_set_visible_child_name (self->sidebar_stack, shown == 0 ? "empty" : "list");
  pb_window_update_actions (self);
}

static void
pb_window_show_connections (PbWindow *self)
{
  pb_window_update_sidebar (self);
  gtk_stack_set_visible_child_name (self->main_stack, "connections");
}

/* Rows came (pages as they arrive, or the offline copy): they are shown at once. */
static void
pb_window_store_items_changed (PbWindow *self,
                               guint     position,
                               guint     removed,
                               guint     added)
{
  if (added > 0)
    pb_window_show_connections (self);
  else
    pb_window_update_sidebar (self);
}










static void
pb_window_refresh_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(PbWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!pb_connection_store_refresh_finish (PB_CONNECTION_STORE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _pb_window_show_load_error (self, error);
      return;
    }

  pb_window_show_connections (self);

  /* Side by side, an empty page beside a full list helps nobody: show the first one (unless
   * a filter hides the one chosen). */
  if (_pb_window_get_selected (self) == NULL && self->kept_selection == NULL &&
      !adw_leaflet_get_folded (self->leaflet) &&
      g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
    gtk_single_selection_set_selected (self->selection, 0);

  pb_window_update_actions (self);
}

void
_pb_window_load (PbWindow *self)
{
  g_assert (PB_IS_WINDOW (self));

  if (pb_connection_store_get_client (self->store) == NULL)
    {
      PbApplication *app = pb_window_get_app (self);
      const GError *accounts_error = app ? pb_application_get_accounts_error (app) : NULL;

      pb_connection_store_cancel (self->store);
      /* Nothing to go back to: what showed was of the accounts before. */
      self->view_before_loading = NULL;
      if (app != NULL && pb_application_get_accounts_loading (app))
        gtk_stack_set_visible_child_name (self->main_stack, "loading");
      else if (accounts_error != NULL)
        _pb_window_show_keyring_error (self, accounts_error);
      else
        gtk_stack_set_visible_child_name (self->main_stack, "welcome");
      return;
    }

  _pb_window_stop_waiting (self);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->store)) == 0)
    {
      const char *shown = gtk_stack_get_visible_child_name (self->main_stack);

      if (g_strcmp0 (shown, "loading") != 0)
        self->view_before_loading = g_intern_string (shown);
      gtk_stack_set_visible_child_name (self->main_stack, "loading");
    }
  pb_connection_store_refresh_async (self->store, pb_window_refresh_cb, g_object_ref (self));
}

/* Values of connections in the list changed in place: filter and sort them again. */
static void
pb_window_refilter (PbWindow *self)
{
  /* The archived among them first, for the count of those hidden that the sidebar says when
   * the list shown changes. */
  gtk_filter_changed (gtk_filter_list_model_get_filter (self->archived_model),
                      GTK_FILTER_CHANGE_DIFFERENT);
  pb_sort_filter_model_refresh (self->filter_model);
}

void
_pb_window_activate_position (PbWindow *self,
                              guint     position)
{
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (self));

  gtk_single_selection_set_selected (self->selection, position);
  adw_leaflet_set_visible_child (self->leaflet, self->content);

  /* Narrow, the keyboard goes on in the page, from its heading (what a screen reader reads
   * first), not on the header's Back button; wide, it stays in the list beside the page. */
  if (adw_leaflet_get_folded (self->leaflet))
    pb_accessible_focus_heading (GTK_WIDGET (self->connection_page));
  else if (focus != NULL && gtk_window_get_focus (GTK_WINDOW (self)) != focus)
    gtk_widget_grab_focus (focus);
}

static void
list_activate_cb (PbWindow *self,
                  guint     position)
{
  g_assert (PB_IS_WINDOW (self));

  _pb_window_activate_position (self, position);
}

/* The name in the content's title, shortened: the connection keeps the whole of it. */
static gboolean
pb_window_title_from_name (GBinding     *binding,
                           const GValue *from,
                           GValue       *to,
                           gpointer      user_data)
{
  g_value_take_string (to, pb_format_for_display (g_value_get_string (from),
                                                  PB_FORMAT_TITLE_CHARS));
  return TRUE;
}

static void
pb_window_selection_changed (PbWindow *self)
{
  PbConnection *selected = _pb_window_get_selected (self);

  _pb_window_keep_selection (self, selected);
  g_clear_pointer (&self->title_binding, g_binding_unbind);

  pb_connection_page_set_connection (self->connection_page, selected);
  if (selected != NULL)
    {
      self->title_binding = g_object_bind_property_full (selected, "name",
                                                         self->content_title, "title",
                                                         G_BINDING_SYNC_CREATE,
                                                         pb_window_title_from_name, NULL,
                                                         NULL, NULL);
    }
  else
    {
      adw_window_title_set_title (self->content_title, "");
      adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
    }

  pb_window_update_actions (self);
}

static void
search_changed_cb (PbWindow       *self,
                   GtkSearchEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  /* The search bar closing empties its entry: the search stays (pb-window-filter.c). */
  if (*text == '\0' && !gtk_search_bar_get_search_mode (self->search_bar))
    return;

  pb_connection_filter_set_search (self->filter, gtk_editable_get_text (GTK_EDITABLE (entry)));
  pb_window_update_sidebar (self);
}

/* Escape closes the search bar, which empties the entry: what was typed counts at once, even
 * before its delayed search-changed. (Connected before the bar's own handler.) */
static void
search_stop_cb (PbWindow       *self,
                GtkSearchEntry *entry)
{
  pb_connection_filter_set_search (self->filter, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
search_activate_cb (PbWindow       *self,
                    GtkSearchEntry *entry)
{
  /* Enter opens the first match. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
    _pb_window_activate_position (self, 0);
}

PbClient *
pb_window_get_client (PbWindow *self)
{
  g_return_val_if_fail (PB_IS_WINDOW (self), NULL);

  return pb_connection_store_get_client (self->store);
}

void
pb_window_set_client (PbWindow *self,
                      PbClient *client)
{
  g_return_if_fail (PB_IS_WINDOW (self));
  g_return_if_fail (!client || PB_IS_CLIENT (client));

  if (client == pb_connection_store_get_client (self->store))
    return;

  /* Another source: nothing of the old one may stay on screen. */
  g_cancellable_cancel (self->reload_cancellable);
  g_clear_object (&self->reload_cancellable);
  g_clear_object (&self->kept_selection);
  pb_connection_store_set_client (self->store, client);
  pb_window_update_actions (self);
  _pb_window_load (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
}

void
pb_window_set_subtitle (PbWindow   *self,
                        const char *subtitle)
{
  g_autofree char *shown = NULL;

  g_return_if_fail (PB_IS_WINDOW (self));

  if (g_strcmp0 (subtitle, self->subtitle) == 0)
    return;

  g_free (self->subtitle);
  self->subtitle = g_strdup (subtitle);
  shown = pb_format_for_display (subtitle, PB_FORMAT_TITLE_CHARS);
  pb_window_title_set_subtitle (self->sidebar_title, shown);
  pb_window_title_set_subtitle (self->loading_title, shown);
  pb_window_title_set_subtitle (self->error_title, shown);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTITLE]);
}

gboolean
pb_window_get_include_secrets (PbWindow *self)
{
  g_return_val_if_fail (PB_IS_WINDOW (self), FALSE);

  /* The offline copy is stored masked: there is nothing to include. */
  return self->include_secrets && !pb_connection_store_get_offline_copy (self->store);
}

void
pb_window_set_include_secrets (PbWindow *self,
                               gboolean  include_secrets)
{
  g_return_if_fail (PB_IS_WINDOW (self));

  include_secrets = !!include_secrets;
  if (self->include_secrets == include_secrets)
    return;

  self->include_secrets = include_secrets;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INCLUDE_SECRETS]);
}

const char *
pb_window_get_view (PbWindow *self)
{
  g_return_val_if_fail (PB_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->main_stack);
}

GListModel *
pb_window_get_shown_connections (PbWindow *self)
{
  g_return_val_if_fail (PB_IS_WINDOW (self), NULL);

  return G_LIST_MODEL (self->selection);
}

gboolean
pb_window_get_show_modified (PbWindow *self)
{
  g_return_val_if_fail (PB_IS_WINDOW (self), FALSE);

  return g_strcmp0 (pb_connection_sorter_get_order (self->sorter), "modified") == 0;
}

PbConnectionStore *
pb_window_get_store (PbWindow *self)
{
  g_return_val_if_fail (PB_IS_WINDOW (self), NULL);

  return self->store;
}

static void
pb_window_realize (GtkWidget *widget)
{
  GdkSurface *surface;
  GdkMonitor *monitor;
  GdkRectangle area;
  int width, height;

  GTK_WIDGET_CLASS (pb_window_parent_class)->realize (widget);

  /* A size remembered on a larger screen must not put the window beyond this one. */
  surface = gtk_native_get_surface (GTK_NATIVE (widget));
  monitor = gdk_display_get_monitor_at_surface (gtk_widget_get_display (widget), surface);
  if (monitor == NULL)
    return;

  gdk_monitor_get_geometry (monitor, &area);
  gtk_window_get_default_size (GTK_WINDOW (widget), &width, &height);
  if (width > area.width || height > area.height)
    gtk_window_set_default_size (GTK_WINDOW (widget),
                                 MIN (width, area.width), MIN (height, area.height));
}

static void
pb_window_dispose (GObject *object)
{
  PbWindow *self = (PbWindow *)object;

  g_cancellable_cancel (self->reload_cancellable);
  g_clear_object (&self->reload_cancellable);
  _pb_window_stop_waiting (self);
  if (self->store != NULL)
    {
      /* A load under way gives its references back once the client has stopped. */
      pb_connection_store_cancel (self->store);
      g_signal_handlers_disconnect_by_data (self->store, self);
    }
  g_clear_pointer (&self->title_binding, g_binding_unbind);
  /* Nothing is selected again while the lists go. */
  g_clear_object (&self->kept_selection);

  if (self->list_view != NULL)
    {
      gtk_list_view_set_model (self->list_view, NULL);
      gtk_list_view_set_factory (self->list_view, NULL);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), PB_TYPE_WINDOW);

  g_clear_object (&self->settings);
  g_clear_object (&self->archived_model);
  g_clear_pointer (&self->subtitle, g_free);

  G_OBJECT_CLASS (pb_window_parent_class)->dispose (object);
}

static void
pb_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PbWindow *self = PB_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, pb_window_get_client (self));
      break;

    case PROP_INCLUDE_SECRETS:
      /* What was asked for; pb_window_get_include_secrets() says what applies now. */
      g_value_set_boolean (value, self->include_secrets);
      break;

    case PROP_SUBTITLE:
      g_value_set_string (value, self->subtitle);
      break;

    case PROP_CACHE_ID:
      g_value_set_string (value, pb_connection_store_get_cache_id (self->store));
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, pb_window_get_loading (self));
      break;

    case PROP_SEARCH:
      g_value_set_string (value, pb_connection_filter_get_search_key (self->filter));
      break;

    case PROP_SHOW_MODIFIED:
      g_value_set_boolean (value, pb_window_get_show_modified (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  PbWindow *self = PB_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      pb_window_set_client (self, g_value_get_object (value));
      break;

    case PROP_SUBTITLE:
      pb_window_set_subtitle (self, g_value_get_string (value));
      break;

    case PROP_CACHE_ID:
      pb_connection_store_set_cache_id (self->store, g_value_get_string (value));
      break;

    case PROP_INCLUDE_SECRETS:
      pb_window_set_include_secrets (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_window_search_key_changed (PbWindow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
}

static void
pb_window_sort_order_changed (PbWindow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_MODIFIED]);
}

static void
pb_window_class_init (PbWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pb_window_dispose;
  object_class->get_property = pb_window_get_property;
  object_class->set_property = pb_window_set_property;

  widget_class->realize = pb_window_realize;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         PB_TYPE_CLIENT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The offline copy of the list to show while loading, and to keep (see pb-cache.h). */
  properties[PROP_CACHE_ID] =
    g_param_spec_string ("cache-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /* The search as folded by pb_search_fold(), or NULL: rows show its match in bold. */
  properties[PROP_SEARCH] =
    g_param_spec_string ("search", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Whether copies and exports carry secrets in clear. Off each time a window opens, so that
   * copies do not carry secrets by chance. Its action, win.include-secrets, is a widget action:
   * unlike the window's GActionMap, it is not exported on the session bus, where any process
   * could turn it on. */
  properties[PROP_INCLUDE_SECRETS] =
    g_param_spec_boolean ("include-secrets", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Whether rows show the day of their last change: while the list is sorted by it. */
  properties[PROP_SHOW_MODIFIED] =
    g_param_spec_boolean ("show-modified", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PB_TYPE_CONNECTION);
  g_type_ensure (PB_TYPE_CONNECTION_FILTER);
  g_type_ensure (PB_TYPE_CONNECTION_PAGE);
  g_type_ensure (PB_TYPE_CONNECTION_ROW);
  g_type_ensure (PB_TYPE_CONNECTION_SORTER);
  g_type_ensure (PB_TYPE_CONNECTION_STORE);
  g_type_ensure (PB_TYPE_SORT_FILTER_MODEL);
  g_type_ensure (PB_TYPE_WINDOW_TITLE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/pb-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PbWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, loading_title);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, error_title);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, error_preferences_button);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, error_retry_button);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, welcome_button);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, error_details);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, error_details_label);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, sidebar_title);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, refresh_stack);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, list_view);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, content);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, connection_page);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, count_label);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, unreadable_note);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, unreadable_label);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, filter_bar);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, filter_label);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, banner_button);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, test_button);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, filter);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, sorter);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, filter_model);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, selection);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, store);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_stop_cb);

  _pb_window_class_add_actions (widget_class);
}

static void
pb_window_init (PbWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
#if GTK_CHECK_VERSION (4, 12, 0)
  /* Tab leaves the list for the page, as it does on GTK 4.8, instead of stepping through
   * every row first; the arrow keys move between rows. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS /* newer than the 4.8 the build is limited to */
  gtk_list_view_set_tab_behavior (self->list_view, GTK_LIST_TAB_ITEM);
  G_GNUC_END_IGNORE_DEPRECATIONS
#endif
  _pb_window_init_filter_state (self);

  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "show-archived", self->filter, "show-archived",
                   G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "sort-order", self->sorter, "order", G_SETTINGS_BIND_GET);
  _pb_window_add_actions (self);

  /* The store, sorted and filtered a change at a time (see pb-window.ui): a keystroke only
   * hides and shows rows of a list sorted once, instead of sorting what is left again. */
  g_signal_connect_object (self->store, "items-changed",
                           G_CALLBACK (pb_window_store_items_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "notify::loading",
                           G_CALLBACK (pb_window_loading_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "notify::cached-at",
                           G_CALLBACK (_pb_window_update_banner), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "notify::offline-copy",
                           G_CALLBACK (pb_window_update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "values-changed",
                           G_CALLBACK (pb_window_refilter), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "items-changed",
                           G_CALLBACK (_pb_window_update_unreadable_note), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "values-changed",
                           G_CALLBACK (_pb_window_update_unreadable_note), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter_model, "items-changed",
                           G_CALLBACK (pb_window_update_sidebar), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter, "changed",
                           G_CALLBACK (pb_window_update_sidebar), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter, "notify::search-key",
                           G_CALLBACK (pb_window_search_key_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sorter, "notify::order",
                           G_CALLBACK (pb_window_sort_order_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_bar, "notify::search-mode-enabled",
                           G_CALLBACK (_pb_window_search_mode_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->main_stack, "notify::visible-child",
                           G_CALLBACK (_pb_window_focus_main_button), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (pb_window_selection_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->leaflet, "notify::folded",
                           G_CALLBACK (pb_window_update_header_bars), self, G_CONNECT_SWAPPED);
  pb_window_update_header_bars (self);

  /* Typing anywhere in the window starts a search. */
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));

  pb_window_update_sidebar (self);
  pb_window_loading_changed (self);
  gtk_stack_set_visible_child_name (self->main_stack, "welcome");
  /* Once shown (GTK gives the focus to the first control then). */
  g_signal_connect_after (self, "map", G_CALLBACK (_pb_window_focus_main_button), NULL);
  pb_accessible_name_text_buttons (GTK_WIDGET (self));
}
