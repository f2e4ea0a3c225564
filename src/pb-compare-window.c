/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-compare-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pb-account-store.h"
#include "pb-compare-window-private.h"
#include "pb-connection.h"
#include "pb-accessible.h"
#include "pb-focus-group.h"
#include "pb-format.h"

/* The window of pb-compare-window.h: the accounts, their loading, the groups, the list of a
 * group. The pair chosen (its row, what differs, Copy) is pb-compare-window-pair.c. */

G_DEFINE_FINAL_TYPE (PbCompareWindow, pb_compare_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SUBTITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void load           (PbCompareWindow *self);
static void stop_loading   (PbCompareWindow *self);
static void forget_compare (PbCompareWindow *self);
static void show_status    (PbCompareWindow *self,
                            const char      *view,
                            const char      *icon_name,
                            const char      *title,
                            const char      *description,
                            const char      *child);

/* {{{ The accounts */

PbCompareSide *
_pb_compare_window_get_side (PbCompareWindow *self,
                             gboolean         target)
{
  guint index = target ? self->target_index : self->source_index;

  return index < self->sides->len ? g_ptr_array_index (self->sides, index) : NULL;
}

static void
update_group_titles (PbCompareWindow *self)
{
  PbCompareSide *source = _pb_compare_window_get_side (self, FALSE);
  PbCompareSide *target = _pb_compare_window_get_side (self, TRUE);
  g_autofree char *only_source = NULL;
  g_autofree char *only_target = NULL;

  /* Translators: a group of connections; %s is the name of an account */
  only_source = g_strdup_printf (_("Only in %s"), source != NULL ? source->title : "");
  /* Translators: a group of connections; %s is the name of an account */
  only_target = g_strdup_printf (_("Only in %s"), target != NULL ? target->title : "");
  gtk_label_set_text (GTK_LABEL (self->group_labels[PB_COMPARE_GROUP_ONLY_IN_SOURCE]),
                      only_source);
  gtk_label_set_text (GTK_LABEL (self->group_labels[PB_COMPARE_GROUP_ONLY_IN_TARGET]),
                      only_target);
  _pb_compare_window_update_group_names (self);
}

void
pb_compare_window_set_accounts (PbCompareWindow *self,
                                guint            source,
                                guint            target)
{
  g_return_if_fail (PB_IS_COMPARE_WINDOW (self));

  /* Fewer than two accounts: nothing to choose, the window says so. */
  if (self->sides->len >= 2 && (source >= self->sides->len || target >= self->sides->len))
    return;
  /* A file is only a source. */
  if (target < self->sides->len
      && ((PbCompareSide *) g_ptr_array_index (self->sides, target))->connections != NULL)
    return;

  self->source_index = source;
  self->target_index = target;
  /* The pickers follow; their handlers see nothing new. */
  gtk_drop_down_set_selected (self->source_dropdown, source);
  gtk_drop_down_set_selected (self->target_dropdown, target);
  update_group_titles (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTITLE]);
  load (self);
}

static void
dropdown_changed_cb (PbCompareWindow *self)
{
  guint source = gtk_drop_down_get_selected (self->source_dropdown);
  guint target = gtk_drop_down_get_selected (self->target_dropdown);

  if (self->picking || (source == self->source_index && target == self->target_index))
    return;
  pb_compare_window_set_accounts (self, source, target);
}

static void
swap_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  PbCompareWindow *self = PB_COMPARE_WINDOW (widget);
  PbCompareSide *source = _pb_compare_window_get_side (self, FALSE);

  if (source != NULL && source->connections != NULL)
    return;
  pb_compare_window_set_accounts (self, self->target_index, self->source_index);
}

/* The accounts the pickers offer, again: the demo data sets, or the saved accounts once
 * read. The active account (or staging) is copied to the first other one marked
 * production, else to the next one. */
static void
use_accounts (PbCompareWindow *self)
{
  PbApplication *application = PB_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  g_autoptr(GPtrArray) files = NULL;
  guint n_accounts;
  PbAccount *active;
  guint source = 0;
  guint target;

  /* Not once the window left the application (it is closing). */
  if (application == NULL)
    return;
  active = pb_account_store_get_active (pb_application_get_accounts (application));

  /* A file imported stays offered, after the accounts. */
  files = _pb_compare_window_steal_files (self);
  g_ptr_array_set_size (self->sides, 0);
  if (pb_application_get_demo (application) || !pb_application_get_accounts_loading (application))
    _pb_compare_window_add_sides (self->sides, application);
  n_accounts = self->sides->len;
  g_ptr_array_extend_and_steal (self->sides, g_steal_pointer (&files));

  _pb_compare_window_update_pickers (self);

  if (pb_application_get_accounts_loading (application) && self->sides->len == 0)
    {
      stop_loading (self);
      forget_compare (self);
      show_status (self, "loading", NULL, _("Loading Connections"), NULL, "spinner");
      return;
    }

  for (guint i = 0; active != NULL && !pb_application_get_demo (application)
                    && i < self->sides->len; i++)
    if (g_strcmp0 (((PbCompareSide *) g_ptr_array_index (self->sides, i))->cache_id,
                   pb_account_get_id (active)) == 0)
      source = i;
  target = n_accounts > 1 ? (source + 1) % n_accounts : 0;
  for (guint i = 0; i < n_accounts; i++)
    if (i != source && ((PbCompareSide *) g_ptr_array_index (self->sides, i))->production)
      {
        target = i;
        break;
      }
  pb_compare_window_set_accounts (self, source, target);
}

static void
accounts_changed_cb (PbCompareWindow *self)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));

  /* The demo data sets do not change with the saved accounts. */
  if (application != NULL && !pb_application_get_demo (PB_APPLICATION (application)))
    use_accounts (self);
}

/* }}} */
/* {{{ What the window shows */

static void
show_status (PbCompareWindow *self,
             const char      *view,
             const char      *icon_name,
             const char      *title,
             const char      *description,
             const char      *child)
{
  g_autofree char *escaped = description != NULL ? g_markup_escape_text (description, -1)
                                                 : NULL;

  self->view = view;
  adw_status_page_set_icon_name (self->status_page, icon_name);
  adw_status_page_set_title (self->status_page, title);
  adw_status_page_set_description (self->status_page, escaped);
  gtk_stack_set_visible_child_name (self->status_stack, child);
  gtk_spinner_set_spinning (self->spinner, g_str_equal (child, "spinner"));
  gtk_stack_set_visible_child_name (self->main_stack, "status");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.retry",
                                 !g_str_equal (view, "loading"));
}

const char *
pb_compare_window_get_view (PbCompareWindow *self)
{
  g_return_val_if_fail (PB_IS_COMPARE_WINDOW (self), NULL);

  return self->view;
}

static void
update_back_button (PbCompareWindow *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  gtk_widget_set_visible (self->back_button,
                          folded
                          && adw_leaflet_get_visible_child (self->leaflet) != self->groups_pane);
  /* Narrow, Copy goes under the connection's name: beside it, it needs more than 360 px. */
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->pair_header),
                                  folded ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
  gtk_widget_set_halign (self->pair_buttons, folded ? GTK_ALIGN_START : GTK_ALIGN_FILL);
}

static void
back_clicked_cb (PbCompareWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* }}} */
/* {{{ Loading */

static void
forget_compare (PbCompareWindow *self)
{
  if (self->compare != NULL)
    g_signal_handlers_disconnect_by_data (self->compare, self);
  if (self->pairs != NULL)
    gtk_filter_list_model_set_model (self->pairs, NULL);
  /* Not once the template is gone (a second dispose). */
  if (self->detail_stack != NULL)
    _pb_compare_window_show_pair (self, NULL);
  g_clear_object (&self->compare);
}

static void
stop_loading (PbCompareWindow *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  for (guint i = 0; i < G_N_ELEMENTS (self->stores); i++)
    {
      if (self->stores[i] != NULL)
        pb_connection_store_cancel (self->stores[i]);
      g_clear_object (&self->stores[i]);
    }
  self->n_loading = 0;
}

static void
update_counts (PbCompareWindow *self)
{
  for (guint i = 0; i < PB_COMPARE_N_GROUPS; i++)
    {
      g_autofree char *text = NULL;

      if (self->compare != NULL)
        text = g_strdup_printf ("%u", pb_compare_get_n_in_group (self->compare, i));
      gtk_label_set_text (GTK_LABEL (self->count_labels[i]), text != NULL ? text : "");
    }
  _pb_compare_window_update_group_names (self);
}

static void
update_pairs_stack (PbCompareWindow *self)
{
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->pairs)) == 0;

  gtk_stack_set_visible_child_name (self->pairs_stack, empty ? "empty" : "list");
}

static void
grouped_cb (PbCompareWindow *self)
{
  /* No copy while the groups are being made; then a pair may have moved to another group:
   * the lists are filtered again. */
  _pb_compare_window_update_copy (self);
  _pb_compare_window_update_pair_menu (self);
  _pb_compare_window_update_batch (self);
  if (pb_compare_get_busy (self->compare))
    return;
  update_counts (self);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  if (self->pair != NULL)
    _pb_compare_window_show_pair (self, self->pair);
  /* After Pair With… or Unpair: where the connection went. */
  _pb_compare_window_follow (self);
}

static void
compare_ready_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(PbCompareWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!pb_compare_update_finish (PB_COMPARE (object), result, &error) ||
      PB_COMPARE (object) != self->compare)
    return;

  g_clear_object (&self->cancellable);
  self->view = "compare";
  gtk_spinner_set_spinning (self->spinner, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.retry", TRUE);
  gtk_filter_list_model_set_model (self->pairs, G_LIST_MODEL (self->compare));
  update_counts (self);
  pb_compare_window_select_group (self, self->group);
  gtk_stack_set_visible_child_name (self->main_stack, "compare");
}

static void
start_compare (PbCompareWindow *self)
{
  PbCompareSide *source = _pb_compare_window_get_side (self, FALSE);

  forget_compare (self);
  /* An imported file's list, or the account's store. */
  self->compare = pb_compare_new (source->connections != NULL ? source->connections
                                                              : G_LIST_MODEL (self->stores[0]),
                                  G_LIST_MODEL (self->stores[1]));
  pb_compare_set_source_base_url (self->compare, source->base_url);
  g_signal_connect_object (self->compare, "notify::busy", G_CALLBACK (grouped_cb), self,
                           G_CONNECT_SWAPPED);
  pb_compare_update_async (self->compare, self->cancellable, compare_ready_cb,
                           g_object_ref (self));
}

static void
show_load_error (PbCompareWindow *self,
                 PbCompareSide   *side,
                 const GError    *error)
{
  g_autofree char *title = NULL;

  /* Translators: %s is the name of an account */
  title = g_strdup_printf (_("Could Not Load “%s”"), side->title);
  show_status (self, "error", "network-error-symbolic", title, error->message, "retry");
}

static void
refresh_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(PbCompareWindow) self = user_data;
  PbConnectionStore *store = PB_CONNECTION_STORE (object);
  g_autoptr(GError) error = NULL;
  gboolean target;

  if (!pb_connection_store_refresh_finish (store, result, &error)
      && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* A store of an earlier choice of accounts. */
  if (store != self->stores[0] && store != self->stores[1])
    return;

  target = store == self->stores[1];
  if (error != NULL)
    {
      PbCompareSide *side = _pb_compare_window_get_side (self, target);

      g_debug ("Loading %s failed: %s", target ? "the target" : "the source", error->message);
      stop_loading (self);
      show_load_error (self, side, error);
      return;
    }

  if (--self->n_loading == 0)
    start_compare (self);
}

static void
load (PbCompareWindow *self)
{
  stop_loading (self);
  forget_compare (self);
  update_counts (self);
  /* What was chosen was of the lists loaded before. */
  g_hash_table_remove_all (self->checked);
  _pb_compare_window_update_batch (self);

  if (self->sides->len < 2)
    {
      show_status (self, "no-accounts", "system-users-symbolic", _("Two Accounts Needed"),
                   _("Set up a second account to compare the connections of one with the "
                     "other’s."), "preferences");
      return;
    }
  if (self->source_index == self->target_index)
    {
      show_status (self, "same", "view-dual-symbolic", _("Choose Two Different Accounts"),
                   _("Compare shows how the connections of one account differ from "
                     "another’s."), "none");
      return;
    }

  for (guint i = 0; i < 2; i++)
    {
      PbCompareSide *side = _pb_compare_window_get_side (self, i == 1);

      if (side->error != NULL)
        {
          show_load_error (self, side, side->error);
          return;
        }
    }

  show_status (self, "loading", NULL, _("Loading Connections"), NULL, "spinner");
  self->cancellable = g_cancellable_new ();
  self->n_loading = 0;
  for (guint i = 0; i < 2; i++)
    {
      PbCompareSide *side = _pb_compare_window_get_side (self, i == 1);

      /* An imported file is read already. */
      if (side->connections != NULL)
        continue;
      self->stores[i] = pb_connection_store_new (side->client, side->cache_id);
      self->n_loading++;
    }
  for (guint i = 0; i < 2; i++)
    if (self->stores[i] != NULL)
      pb_connection_store_refresh_async (self->stores[i], refresh_cb, g_object_ref (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.swap",
                                 _pb_compare_window_get_side (self, FALSE)->connections == NULL);
  if (self->n_loading == 0)
    start_compare (self);
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  load (PB_COMPARE_WINDOW (widget));
}

PbCompare *
pb_compare_window_get_compare (PbCompareWindow *self)
{
  g_return_val_if_fail (PB_IS_COMPARE_WINDOW (self), NULL);

  return self->view != NULL && g_str_equal (self->view, "compare") ? self->compare : NULL;
}

PbConnectionStore *
pb_compare_window_get_store (PbCompareWindow *self,
                             gboolean         target)
{
  g_return_val_if_fail (PB_IS_COMPARE_WINDOW (self), NULL);

  return self->stores[target ? 1 : 0];
}

/* }}} */
/* {{{ The groups */

void
pb_compare_window_select_group (PbCompareWindow *self,
                                PbCompareGroup   group)
{
  g_return_if_fail (PB_IS_COMPARE_WINDOW (self));
  g_return_if_fail (group < PB_COMPARE_N_GROUPS);

  gtk_list_box_select_row (self->groups_list,
                           gtk_list_box_get_row_at_index (self->groups_list, group));
}

PbCompareGroup
pb_compare_window_get_group (PbCompareWindow *self)
{
  g_return_val_if_fail (PB_IS_COMPARE_WINDOW (self), PB_COMPARE_GROUP_ONLY_IN_SOURCE);

  return self->group;
}

static void
group_selected_cb (PbCompareWindow *self,
                   GtkListBoxRow   *row)
{
  if (row == NULL || self->filter == NULL)
    return;

  self->group = gtk_list_box_row_get_index (row);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  _pb_compare_window_show_pair (self, NULL);
}

static void
group_activated_cb (PbCompareWindow *self)
{
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->pairs_stack));
}

static gboolean
in_group (gpointer item,
          gpointer user_data)
{
  PbCompareWindow *self = user_data;

  return pb_compare_pair_get_group (PB_COMPARE_PAIR (item)) == self->group;
}

/* }}} */
/* {{{ The list of a group */

static void
selection_changed_cb (PbCompareWindow *self)
{
  PbComparePair *pair = gtk_single_selection_get_selected_item (self->selection);

  if (pair == self->pair)
    return;
  _pb_compare_window_show_pair (self, pair);
  if (pair != NULL && adw_leaflet_get_folded (self->leaflet))
    {
      adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->detail_stack));
      /* Narrow, the keyboard goes on in the page from its heading (what a screen reader reads
       * first), as in the main window; GTK selects a label's text as it takes the focus, which
       * would show the heading as chosen text. */
      if (pb_accessible_focus_heading (GTK_WIDGET (self->detail_stack)))
        gtk_label_select_region (self->pair_title, 0, 0);
    }
}

static void
pair_activated_cb (PbCompareWindow *self,
                   guint            position)
{
  gtk_single_selection_set_selected (self->selection, position);
}

gboolean
pb_compare_window_select_pair (PbCompareWindow *self,
                               const char      *name)
{
  GListModel *model = G_LIST_MODEL (self->pairs);

  g_return_val_if_fail (PB_IS_COMPARE_WINDOW (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PbComparePair) pair = g_list_model_get_item (model, i);

      if (g_strcmp0 (pb_compare_pair_get_name (pair), name) == 0)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return TRUE;
        }
    }
  return FALSE;
}

PbComparePair *
pb_compare_window_get_pair (PbCompareWindow *self)
{
  g_return_val_if_fail (PB_IS_COMPARE_WINDOW (self), NULL);

  return self->pair;
}

/* }}} */

GtkWidget *
pb_compare_window_new (PbApplication *application)
{
  PbCompareWindow *self;

  g_return_val_if_fail (PB_IS_APPLICATION (application), NULL);

  self = g_object_new (PB_TYPE_COMPARE_WINDOW,
                       "application", application,
                       "transient-for",
                       gtk_application_get_active_window (GTK_APPLICATION (application)),
                       NULL);

  /* The accounts may still be read from the keyring, or change in Preferences; the demo
   * data may end (an account chosen) or start. */
  g_signal_connect_object (application, "notify::accounts-loading",
                           G_CALLBACK (accounts_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (pb_application_get_accounts (application), "items-changed",
                           G_CALLBACK (accounts_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (application, "notify::demo",
                           G_CALLBACK (use_accounts), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->source_dropdown, "notify::selected",
                           G_CALLBACK (dropdown_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->target_dropdown, "notify::selected",
                           G_CALLBACK (dropdown_changed_cb), self, G_CONNECT_SWAPPED);
  use_accounts (self);

  return GTK_WIDGET (self);
}

static void
pb_compare_window_dispose (GObject *object)
{
  PbCompareWindow *self = (PbCompareWindow *)object;

  g_cancellable_cancel (self->copy_cancellable);
  g_clear_object (&self->copy_cancellable);
  stop_loading (self);
  forget_compare (self);
  g_clear_object (&self->pair);
  g_clear_object (&self->follow);
  gtk_widget_dispose_template (GTK_WIDGET (self), PB_TYPE_COMPARE_WINDOW);

  G_OBJECT_CLASS (pb_compare_window_parent_class)->dispose (object);
}

static void
pb_compare_window_finalize (GObject *object)
{
  PbCompareWindow *self = (PbCompareWindow *)object;

  g_clear_pointer (&self->sides, g_ptr_array_unref);
  g_clear_pointer (&self->flag_rows, g_ptr_array_unref);
  g_clear_pointer (&self->checked, g_hash_table_unref);
  g_clear_pointer (&self->batch_results, g_strfreev);
  g_clear_object (&self->selection);
  g_clear_object (&self->filter);

  G_OBJECT_CLASS (pb_compare_window_parent_class)->finalize (object);
}

static void
pb_compare_window_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PbCompareWindow *self = PB_COMPARE_WINDOW (object);
  PbCompareSide *target;

  switch (prop_id)
    {
    case PROP_SUBTITLE:
      target = _pb_compare_window_get_side (self, TRUE);
      g_value_set_string (value, target != NULL ? target->title : NULL);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_compare_window_class_init (PbCompareWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pb_compare_window_dispose;
  object_class->finalize = pb_compare_window_finalize;
  object_class->get_property = pb_compare_window_get_property;

  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PB_TYPE_DIFF_VIEW);
  g_type_ensure (PB_TYPE_FOCUS_GROUP);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/pb-compare-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PbCompareWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PbCompareWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, PbCompareWindow, pickers_bar);
  gtk_widget_class_bind_template_child (widget_class, PbCompareWindow, pickers_separator);
  gtk_widget_class_bind_template_child (widget_class, PbCompareWindow, refresh_button);
  gtk_widget_class_bind_template_child (widget_class, PbCompareWindow, source_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PbCompareWindow, target_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PbCompareWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, PbCompareWindow, status_page);
  gtk_widget_class_bind_template_child (widget_class, PbCompareWindow, status_stack);
  gtk_widget_class_bind_template_child (widget_class, PbCompareWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, PbCompareWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, PbCompareWindow, groups_pane);
  gtk_widget_class_bind_template_child (widget_class, PbCompareWindow, groups_list);
  gtk_widget_class_bind_template_child (widget_class, PbCompareWindow, pairs_stack);
  gtk_widget_class_bind_template_child (widget_class, PbCompareWindow, pairs_view);
  gtk_widget_class_bind_template_child (widget_class, PbCompareWindow, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, PbCompareWindow, pair_title);
  gtk_widget_class_bind_template_child (widget_class, PbCompareWindow, pair_summary);
  gtk_widget_class_bind_template_child (widget_class, PbCompareWindow, pair_header);
  gtk_widget_class_bind_template_child (widget_class, PbCompareWindow, pair_buttons);
  gtk_widget_class_bind_template_child (widget_class, PbCompareWindow, copy_button);
  gtk_widget_class_bind_template_child (widget_class, PbCompareWindow, batch_button);
  gtk_widget_class_bind_template_child (widget_class, PbCompareWindow, pair_menu_button);
  gtk_widget_class_bind_template_child (widget_class, PbCompareWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, PbCompareWindow, flags_group);
  gtk_widget_class_bind_template_child (widget_class, PbCompareWindow, secret_group);
  gtk_widget_class_bind_template_child (widget_class, PbCompareWindow, secret_row);
  gtk_widget_class_bind_template_child (widget_class, PbCompareWindow, without_row);
  gtk_widget_class_bind_template_child (widget_class, PbCompareWindow, without_check);
  gtk_widget_class_bind_template_child (widget_class, PbCompareWindow, changes_group);
  gtk_widget_class_bind_template_child (widget_class, PbCompareWindow, diff_view);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, update_back_button);
  gtk_widget_class_bind_template_callback (widget_class, group_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, group_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, pair_activated_cb);
  gtk_widget_class_bind_template_callback_full (widget_class, "update_copy",
                                                G_CALLBACK (_pb_compare_window_update_copy));

  gtk_widget_class_install_action (widget_class, "compare.retry", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "compare.swap", NULL, swap_action);
  gtk_widget_class_install_action (widget_class, "compare.copy", NULL,
                                   _pb_compare_window_copy_action);
  _pb_compare_window_class_add_actions (widget_class);
  gtk_widget_class_install_action (widget_class, "compare.copy-checked", NULL,
                                   _pb_compare_window_batch_action);
  gtk_widget_class_install_action (widget_class, "compare.import", NULL,
                                   _pb_compare_window_import_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pb_compare_window_init (PbCompareWindow *self)
{
  GtkListItemFactory *factory;

  self->sides = g_ptr_array_new_with_free_func ((GDestroyNotify) _pb_compare_side_free);
  self->flag_rows = g_ptr_array_new ();
  self->checked = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->view = "loading";

  gtk_widget_init_template (GTK_WIDGET (self));
  _pb_compare_window_setup_pickers (self);

  _pb_compare_window_add_group_row (self, PB_COMPARE_GROUP_ONLY_IN_SOURCE, NULL);
  _pb_compare_window_add_group_row (self, PB_COMPARE_GROUP_ONLY_IN_TARGET, NULL);
  /* Translators: a group of connections that both accounts have, with differences */
  _pb_compare_window_add_group_row (self, PB_COMPARE_GROUP_DIFFERENT, _("Different"));
  /* Translators: a group of connections that both accounts have, the same */
  _pb_compare_window_add_group_row (self, PB_COMPARE_GROUP_IDENTICAL, _("Identical"));

  self->filter = gtk_custom_filter_new (in_group, self, NULL);
  self->pairs = gtk_filter_list_model_new (NULL, GTK_FILTER (g_object_ref (self->filter)));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->pairs));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->pairs, "items-changed", G_CALLBACK (update_pairs_stack), self);
  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (selection_changed_cb), self);
  gtk_list_view_set_model (self->pairs_view, GTK_SELECTION_MODEL (self->selection));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (_pb_compare_window_setup_pair_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (_pb_compare_window_bind_pair_row), self);
  gtk_list_view_set_factory (self->pairs_view, factory);
  g_object_unref (factory);
  _pb_compare_window_add_check_key (self);

  self->group = PB_COMPARE_GROUP_ONLY_IN_SOURCE;
  pb_compare_window_select_group (self, self->group);
  _pb_compare_window_show_pair (self, NULL);
}
