/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-compare-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pb-compare-window-private.h"
#include "pb-connection.h"
#include "pb-format.h"
#include "pb-history-dialog.h"

/* What the menu of the pair shown offers besides Copy: the target's History of the
 * connection, and pairing by hand (Pair With… a connection only the target has, for one
 * renamed there) or Unpair. After a change of the pairs the window follows the source's
 * connection into the group it lands in, once grouped again. */

/* {{{ History */

static void
history_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  PbCompareWindow *self = PB_COMPARE_WINDOW (widget);
  PbCompareSide *target = _pb_compare_window_get_side (self, TRUE);
  PbConnection *connection = self->pair != NULL ? pb_compare_pair_get_target (self->pair)
                                                : NULL;
  PbHistoryDialog *dialog;

  if (connection == NULL || target == NULL || target->cache_id == NULL)
    return;

  /* The target's: what a copy replaced there is kept in its history. */
  dialog = pb_history_dialog_new (GTK_WINDOW (self), self->stores[1], connection,
                                  target->production);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* }}} */
/* {{{ Pairing by hand */

/* The connection of the target list whose ref is `ref`. */
static PbConnection *
find_target (PbCompareWindow *self,
             const char      *ref)
{
  GListModel *list = G_LIST_MODEL (self->stores[1]);

  for (guint i = 0; list != NULL && i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(PbConnection) connection = g_list_model_get_item (list, i);

      if (g_strcmp0 (pb_connection_get_ref (connection), ref) == 0)
        return connection;
    }
  return NULL;
}

/* Once grouped again: the group of the source's connection, and it chosen there. */
void
_pb_compare_window_follow (PbCompareWindow *self)
{
  g_autoptr(PbConnection) connection = g_steal_pointer (&self->follow);
  PbComparePair *pair;
  GListModel *model;

  if (connection == NULL || self->compare == NULL)
    return;
  pair = pb_compare_find (self->compare, connection);
  if (pair == NULL)
    return;

  pb_compare_window_select_group (self, pb_compare_pair_get_group (pair));
  model = G_LIST_MODEL (self->pairs);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PbComparePair) item = g_list_model_get_item (model, i);

      if (item == pair)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return;
        }
    }
}

static void
say (PbCompareWindow *self,
     const char      *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

gboolean
pb_compare_window_pair_with (PbCompareWindow *self,
                             const char      *ref)
{
  PbConnection *source;
  PbConnection *target;
  g_autofree char *source_name = NULL;
  g_autofree char *target_name = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (PB_IS_COMPARE_WINDOW (self), FALSE);
  g_return_val_if_fail (ref != NULL, FALSE);

  if (self->compare == NULL || self->pair == NULL
      || pb_compare_pair_get_group (self->pair) != PB_COMPARE_GROUP_ONLY_IN_SOURCE)
    return FALSE;
  source = pb_compare_pair_get_source (self->pair);
  target = find_target (self, ref);
  if (target == NULL || !pb_compare_pair_by_hand (self->compare, source, target))
    return FALSE;

  g_set_object (&self->follow, source);
  source_name = pb_format_for_display (pb_connection_get_name (source), PB_FORMAT_TITLE_CHARS);
  target_name = pb_format_for_display (pb_connection_get_name (target), PB_FORMAT_TITLE_CHARS);
  /* Translators: both %s are names of connections */
  text = g_strdup_printf (_("“%s” paired with “%s”"), source_name, target_name);
  say (self, text);
  return TRUE;
}

static void
pair_with_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  pb_compare_window_pair_with (PB_COMPARE_WINDOW (widget), g_variant_get_string (param, NULL));
}

static void
unpair_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  PbCompareWindow *self = PB_COMPARE_WINDOW (widget);
  PbConnection *source;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  if (self->compare == NULL || self->pair == NULL)
    return;
  source = pb_compare_pair_get_source (self->pair);
  if (source == NULL || pb_compare_pair_get_target (self->pair) == NULL)
    return;

  g_set_object (&self->follow, source);
  pb_compare_unpair (self->compare, self->pair);
  name = pb_format_for_display (pb_connection_get_name (source), PB_FORMAT_TITLE_CHARS);
  /* Translators: %s is a connection's name */
  text = g_strdup_printf (_("“%s” unpaired"), name);
  say (self, text);
}

/* }}} */
/* {{{ The menu */

/* The menu of the pair shown: its History in the target, and Pair With… (the target's
 * connections that are paired with none) or Unpair; and which of them can be used now. */
void
_pb_compare_window_update_pair_menu (PbCompareWindow *self)
{
  PbCompareSide *target = _pb_compare_window_get_side (self, TRUE);
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) pairing = g_menu_new ();
  g_autoptr(GMenu) candidates = g_menu_new ();
  g_autoptr(GMenu) history = g_menu_new ();
  gboolean idle = self->compare != NULL && !pb_compare_get_busy (self->compare);
  PbCompareGroup group = self->pair != NULL ? pb_compare_pair_get_group (self->pair)
                                            : PB_COMPARE_GROUP_ONLY_IN_TARGET;
  gboolean paired = self->pair != NULL && pb_compare_pair_get_source (self->pair) != NULL
                    && pb_compare_pair_get_target (self->pair) != NULL;

  if (self->pair != NULL && group == PB_COMPARE_GROUP_ONLY_IN_SOURCE && self->compare != NULL)
    {
      GListModel *model = G_LIST_MODEL (self->compare);

      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        {
          g_autoptr(PbComparePair) pair = g_list_model_get_item (model, i);
          PbConnection *connection = pb_compare_pair_get_target (pair);
          g_autofree char *label = NULL;
          g_autoptr(GMenuItem) item = NULL;

          if (pb_compare_pair_get_group (pair) != PB_COMPARE_GROUP_ONLY_IN_TARGET
              || connection == NULL || pb_connection_get_ref (connection) == NULL)
            continue;
          label = pb_format_for_display (pb_connection_get_name (connection),
                                         PB_FORMAT_TITLE_CHARS);
          item = g_menu_item_new (label, NULL);
          g_menu_item_set_action_and_target (item, "compare.pair-with", "s",
                                             pb_connection_get_ref (connection));
          g_menu_append_item (candidates, item);
        }
      if (g_menu_model_get_n_items (G_MENU_MODEL (candidates)) > 0)
        g_menu_append_submenu (pairing, _("_Pair With"), G_MENU_MODEL (candidates));
    }
  if (paired)
    g_menu_append (pairing, _("_Unpair"), "compare.unpair");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (pairing));

  if (paired && target != NULL && target->cache_id != NULL)
    {
      g_autofree char *label = NULL;

      /* Translators: a menu item; %s is the name of an account */
      label = g_strdup_printf (_("_History in %s"), target->title);
      g_menu_append (history, label, "compare.history");
      g_menu_append_section (menu, NULL, G_MENU_MODEL (history));
    }

  gtk_menu_button_set_menu_model (self->pair_menu_button, G_MENU_MODEL (menu));
  gtk_widget_set_visible (GTK_WIDGET (self->pair_menu_button),
                          g_menu_model_get_n_items (G_MENU_MODEL (pairing)) > 0
                          || g_menu_model_get_n_items (G_MENU_MODEL (history)) > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.pair-with",
                                 idle && group == PB_COMPARE_GROUP_ONLY_IN_SOURCE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.unpair", idle && paired);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.history",
                                 paired && target != NULL && target->cache_id != NULL);
}

void
_pb_compare_window_class_add_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "compare.history", NULL, history_action);
  gtk_widget_class_install_action (widget_class, "compare.pair-with", "s", pair_with_action);
  gtk_widget_class_install_action (widget_class, "compare.unpair", NULL, unpair_action);
}

/* }}} */
