/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-compare"

#include "config.h"

#include "pb-compare-private.h"
#include "pb-connection.h"

/* The list model of a comparison: watches its two lists, groups on a worker thread, and
 * swaps the result in, keeping the pair objects that did not change. */

struct _PbCompare
{
  GObject       parent_instance;

  GListModel   *source;
  GListModel   *target;
  char         *base_url;

  GPtrArray    *pairs;         /* of PbComparePair, as shown */
  GHashTable   *target_uuids;  /* of the last grouping, or NULL */
  guint         counts[PB_COMPARE_N_GROUPS];

  GPtrArray    *by_hand;       /* of PbConnection, two by two: source, target */
  GPtrArray    *unpaired;      /* of PbConnection, two by two */

  GCancellable *cancellable;   /* of the grouping under way */
  gint64        started;       /* when it started (monotonic), for the debug log */
  GPtrArray    *waiting;       /* GTasks of pb_compare_update_async() */
  guint         idle_id;
  gboolean      busy;          /* as last notified */
};

static void pb_compare_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PbCompare, pb_compare, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      pb_compare_list_model_init))

enum
{
  PROP_0,
  PROP_SOURCE,
  PROP_TARGET,
  PROP_SOURCE_BASE_URL,
  PROP_BUSY,
  PROP_N_ONLY_IN_SOURCE,
  PROP_N_ONLY_IN_TARGET,
  PROP_N_DIFFERENT,
  PROP_N_IDENTICAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* {{{ GListModel */

static GType
pb_compare_get_item_type (GListModel *model)
{
  return PB_TYPE_COMPARE_PAIR;
}

static guint
pb_compare_get_n_items (GListModel *model)
{
  return PB_COMPARE (model)->pairs->len;
}

static gpointer
pb_compare_get_item (GListModel *model,
                     guint       position)
{
  PbCompare *self = PB_COMPARE (model);

  if (position >= self->pairs->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->pairs, position));
}

static void
pb_compare_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = pb_compare_get_item_type;
  iface->get_n_items = pb_compare_get_n_items;
  iface->get_item = pb_compare_get_item;
}

/* }}} */
/* {{{ Grouping */

static void schedule_grouping (PbCompare *self);

/* Busy from the moment a grouping is due until the model shows it. */
static void
update_busy (PbCompare *self)
{
  gboolean busy = self->idle_id != 0 || self->cancellable != NULL;

  if (self->busy != busy)
    {
      self->busy = busy;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
    }
}

static GPtrArray *
snapshot (GListModel *model)
{
  guint n = model != NULL ? g_list_model_get_n_items (model) : 0;
  GPtrArray *connections = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (PB_IS_CONNECTION (item))
        g_ptr_array_add (connections, g_steal_pointer (&item));
    }
  return connections;
}

static void
group_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  PbCompareResult *result = _pb_compare_group (task_data, cancellable);

  if (result == NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled");
  else
    g_task_return_pointer (task, result, (GDestroyNotify) _pb_compare_result_free);
}

static char *
pair_key (PbConnection *source,
          PbConnection *target)
{
  return g_strdup_printf ("%p %p", (gpointer) source, (gpointer) target);
}

static void
set_counts (PbCompare *self)
{
  guint counts[PB_COMPARE_N_GROUPS] = { 0, };
  static const guint props[PB_COMPARE_N_GROUPS] = {
    PROP_N_ONLY_IN_SOURCE, PROP_N_ONLY_IN_TARGET, PROP_N_DIFFERENT, PROP_N_IDENTICAL,
  };

  for (guint i = 0; i < self->pairs->len; i++)
    counts[pb_compare_pair_get_group (g_ptr_array_index (self->pairs, i))]++;
  for (guint g = 0; g < PB_COMPARE_N_GROUPS; g++)
    if (self->counts[g] != counts[g])
      {
        self->counts[g] = counts[g];
        g_object_notify_by_pspec (G_OBJECT (self), properties[props[g]]);
      }
}

/* Forgets choices by hand about connections no longer in their lists. Only when no other
 * grouping is due: then the lists and choices are those the grouping shown started from. */
static void
forget_gone (PbCompare *self)
{
  g_autoptr(GHashTable) present = NULL;
  GPtrArray *choices[] = { self->by_hand, self->unpaired };

  if (self->idle_id != 0)
    return;

  present = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < self->pairs->len; i++)
    {
      PbComparePair *pair = g_ptr_array_index (self->pairs, i);

      if (pb_compare_pair_get_source (pair) != NULL)
        g_hash_table_add (present, pb_compare_pair_get_source (pair));
      if (pb_compare_pair_get_target (pair) != NULL)
        g_hash_table_add (present, pb_compare_pair_get_target (pair));
    }
  for (guint c = 0; c < G_N_ELEMENTS (choices); c++)
    for (guint i = choices[c]->len; i >= 2; i -= 2)
      if (!g_hash_table_contains (present, choices[c]->pdata[i - 2])
          || !g_hash_table_contains (present, choices[c]->pdata[i - 1]))
        g_ptr_array_remove_range (choices[c], i - 2, 2);
}

/* Shows a grouping: pairs of the same two connections keep their object; "items-changed"
 * names the range between what stayed the same at both ends. */
static void
apply_result (PbCompare       *self,
              PbCompareResult *result)
{
  g_autoptr(GHashTable) old = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) old_pairs = g_steal_pointer (&self->pairs);
  guint prefix = 0, suffix = 0;

  for (guint i = 0; i < old_pairs->len; i++)
    {
      PbComparePair *pair = g_ptr_array_index (old_pairs, i);

      g_hash_table_insert (old, pair_key (pb_compare_pair_get_source (pair),
                                          pb_compare_pair_get_target (pair)), pair);
    }

  self->pairs = g_ptr_array_new_full (result->items->len, g_object_unref);
  for (guint i = 0; i < result->items->len; i++)
    {
      PbCompareItem *item = g_ptr_array_index (result->items, i);
      g_autofree char *key = pair_key (item->source, item->target);
      PbComparePair *pair = g_hash_table_lookup (old, key);

      if (pair != NULL)
        {
          _pb_compare_pair_update (pair, item);
          g_ptr_array_add (self->pairs, g_object_ref (pair));
        }
      else
        g_ptr_array_add (self->pairs, _pb_compare_pair_new (item));
    }

  g_clear_pointer (&self->target_uuids, g_hash_table_unref);
  self->target_uuids = g_steal_pointer (&result->target_uuids);

  while (prefix < old_pairs->len && prefix < self->pairs->len
         && old_pairs->pdata[prefix] == self->pairs->pdata[prefix])
    prefix++;
  while (suffix < old_pairs->len - prefix && suffix < self->pairs->len - prefix
         && old_pairs->pdata[old_pairs->len - 1 - suffix]
            == self->pairs->pdata[self->pairs->len - 1 - suffix])
    suffix++;

  if (old_pairs->len != prefix + suffix || self->pairs->len != prefix + suffix)
    g_list_model_items_changed (G_LIST_MODEL (self), prefix, old_pairs->len - prefix - suffix,
                                self->pairs->len - prefix - suffix);
  set_counts (self);
  forget_gone (self);
}

static void
finish_waiting (PbCompare    *self,
                const GError *error)
{
  g_autoptr(GPtrArray) waiting = g_steal_pointer (&self->waiting);

  self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < waiting->len; i++)
    if (error != NULL)
      g_task_return_error (waiting->pdata[i], g_error_copy (error));
    else
      g_task_return_boolean (waiting->pdata[i], TRUE);
}

static void
group_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  PbCompare *self = PB_COMPARE (object);
  g_autoptr(GError) error = NULL;
  PbCompareResult *grouping;
  gint64 shown;

  grouping = g_task_propagate_pointer (G_TASK (result), &error);
  if (grouping == NULL)
    {
      /* A newer grouping replaced this one: it finishes the waiting tasks. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      finish_waiting (self, error);
      return;
    }

  shown = g_get_monotonic_time ();
  apply_result (self, grouping);
  _pb_compare_result_free (grouping);
  g_debug ("Grouped %u pairs and singles in %" G_GINT64_FORMAT " ms, shown in %" G_GINT64_FORMAT
           " ms", self->pairs->len, (shown - self->started) / 1000,
           (g_get_monotonic_time () - shown) / 1000);
  g_clear_object (&self->cancellable);
  update_busy (self);
  finish_waiting (self, NULL);
}

static GPtrArray *
copy_objects (GPtrArray *objects)
{
  GPtrArray *copy = g_ptr_array_new_full (objects->len, g_object_unref);

  for (guint i = 0; i < objects->len; i++)
    g_ptr_array_add (copy, g_object_ref (objects->pdata[i]));
  return copy;
}

static void
start_grouping (PbCompare *self)
{
  g_autoptr(GTask) task = NULL;
  PbCompareInput *input;

  g_clear_handle_id (&self->idle_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  input = g_new0 (PbCompareInput, 1);
  input->sources = snapshot (self->source);
  input->targets = snapshot (self->target);
  input->by_hand = copy_objects (self->by_hand);
  input->unpaired = copy_objects (self->unpaired);
  input->base_url = g_strdup (self->base_url);

  task = g_task_new (self, self->cancellable, group_done_cb, NULL);
  g_task_set_source_tag (task, start_grouping);
  g_task_set_task_data (task, input, (GDestroyNotify) _pb_compare_input_free);
  g_task_set_return_on_cancel (task, FALSE);
  self->started = g_get_monotonic_time ();
  g_task_run_in_thread (task, group_in_thread);
  update_busy (self);
}

static gboolean
group_idle_cb (gpointer user_data)
{
  PbCompare *self = PB_COMPARE (user_data);

  self->idle_id = 0;
  start_grouping (self);
  return G_SOURCE_REMOVE;
}

/* Many changes in a row (pages of a refresh) make one grouping. */
static void
schedule_grouping (PbCompare *self)
{
  if (self->idle_id == 0)
    self->idle_id = g_idle_add_full (G_PRIORITY_LOW, group_idle_cb, self, NULL);
  update_busy (self);
}

static void
list_changed_cb (PbCompare *self)
{
  schedule_grouping (self);
}

static void
watch (PbCompare  *self,
       GListModel *model)
{
  if (model == NULL)
    return;
  g_signal_connect_object (model, "items-changed", G_CALLBACK (list_changed_cb), self,
                           G_CONNECT_SWAPPED);
  if (g_signal_lookup ("values-changed", G_OBJECT_TYPE (model)) != 0)
    g_signal_connect_object (model, "values-changed", G_CALLBACK (list_changed_cb), self,
                             G_CONNECT_SWAPPED);
}

static void
set_list (PbCompare   *self,
          GListModel **field,
          GListModel  *model,
          guint        prop)
{
  if (*field == model)
    return;
  if (*field != NULL)
    g_signal_handlers_disconnect_by_data (*field, self);
  g_set_object (field, model);
  watch (self, model);
  schedule_grouping (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

/* }}} */
/* {{{ GObject */

static void
pb_compare_dispose (GObject *object)
{
  PbCompare *self = PB_COMPARE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->idle_id, g_source_remove);
  if (self->source != NULL)
    g_signal_handlers_disconnect_by_data (self->source, self);
  if (self->target != NULL)
    g_signal_handlers_disconnect_by_data (self->target, self);
  g_clear_object (&self->source);
  g_clear_object (&self->target);

  G_OBJECT_CLASS (pb_compare_parent_class)->dispose (object);
}

static void
pb_compare_finalize (GObject *object)
{
  PbCompare *self = PB_COMPARE (object);

  g_clear_pointer (&self->pairs, g_ptr_array_unref);
  g_clear_pointer (&self->target_uuids, g_hash_table_unref);
  g_clear_pointer (&self->by_hand, g_ptr_array_unref);
  g_clear_pointer (&self->unpaired, g_ptr_array_unref);
  g_clear_pointer (&self->waiting, g_ptr_array_unref);
  g_free (self->base_url);

  G_OBJECT_CLASS (pb_compare_parent_class)->finalize (object);
}

static void
pb_compare_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  PbCompare *self = PB_COMPARE (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      g_value_set_object (value, self->source);
      break;
    case PROP_TARGET:
      g_value_set_object (value, self->target);
      break;
    case PROP_SOURCE_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, pb_compare_get_busy (self));
      break;
    case PROP_N_ONLY_IN_SOURCE:
    case PROP_N_ONLY_IN_TARGET:
    case PROP_N_DIFFERENT:
    case PROP_N_IDENTICAL:
      g_value_set_uint (value, self->counts[prop_id - PROP_N_ONLY_IN_SOURCE]);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_compare_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  PbCompare *self = PB_COMPARE (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      pb_compare_set_source (self, g_value_get_object (value));
      break;
    case PROP_TARGET:
      pb_compare_set_target (self, g_value_get_object (value));
      break;
    case PROP_SOURCE_BASE_URL:
      pb_compare_set_source_base_url (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_compare_class_init (PbCompareClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = pb_compare_dispose;
  object_class->finalize = pb_compare_finalize;
  object_class->get_property = pb_compare_get_property;
  object_class->set_property = pb_compare_set_property;

  properties[PROP_SOURCE] = g_param_spec_object ("source", NULL, NULL, G_TYPE_LIST_MODEL, rw);
  properties[PROP_TARGET] = g_param_spec_object ("target", NULL, NULL, G_TYPE_LIST_MODEL, rw);
  properties[PROP_SOURCE_BASE_URL] =
    g_param_spec_string ("source-base-url", NULL, NULL, NULL, rw);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, ro);
  properties[PROP_N_ONLY_IN_SOURCE] =
    g_param_spec_uint ("n-only-in-source", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_N_ONLY_IN_TARGET] =
    g_param_spec_uint ("n-only-in-target", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_N_DIFFERENT] =
    g_param_spec_uint ("n-different", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_N_IDENTICAL] =
    g_param_spec_uint ("n-identical", NULL, NULL, 0, G_MAXUINT, 0, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pb_compare_init (PbCompare *self)
{
  self->pairs = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_hand = g_ptr_array_new_with_free_func (g_object_unref);
  self->unpaired = g_ptr_array_new_with_free_func (g_object_unref);
  self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
}

/* }}} */
/* {{{ Public API */

PbCompare *
pb_compare_new (GListModel *source,
                GListModel *target)
{
  g_return_val_if_fail (source == NULL || G_IS_LIST_MODEL (source), NULL);
  g_return_val_if_fail (target == NULL || G_IS_LIST_MODEL (target), NULL);

  return g_object_new (PB_TYPE_COMPARE, "source", source, "target", target, NULL);
}

GListModel *
pb_compare_get_source (PbCompare *self)
{
  g_return_val_if_fail (PB_IS_COMPARE (self), NULL);

  return self->source;
}

GListModel *
pb_compare_get_target (PbCompare *self)
{
  g_return_val_if_fail (PB_IS_COMPARE (self), NULL);

  return self->target;
}

void
pb_compare_set_source (PbCompare  *self,
                       GListModel *source)
{
  g_return_if_fail (PB_IS_COMPARE (self));
  g_return_if_fail (source == NULL || G_IS_LIST_MODEL (source));

  set_list (self, &self->source, source, PROP_SOURCE);
}

void
pb_compare_set_target (PbCompare  *self,
                       GListModel *target)
{
  g_return_if_fail (PB_IS_COMPARE (self));
  g_return_if_fail (target == NULL || G_IS_LIST_MODEL (target));

  set_list (self, &self->target, target, PROP_TARGET);
}

const char *
pb_compare_get_source_base_url (PbCompare *self)
{
  g_return_val_if_fail (PB_IS_COMPARE (self), NULL);

  return self->base_url;
}

void
pb_compare_set_source_base_url (PbCompare  *self,
                                const char *base_url)
{
  g_return_if_fail (PB_IS_COMPARE (self));

  /* g_set_str() is GLib 2.76 */
  if (g_strcmp0 (self->base_url, base_url) != 0)
    {
      g_free (self->base_url);
      self->base_url = g_strdup (base_url);
      schedule_grouping (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE_BASE_URL]);
    }
}

gboolean
pb_compare_get_busy (PbCompare *self)
{
  g_return_val_if_fail (PB_IS_COMPARE (self), FALSE);

  return self->busy;
}

guint
pb_compare_get_n_in_group (PbCompare      *self,
                           PbCompareGroup  group)
{
  g_return_val_if_fail (PB_IS_COMPARE (self), 0);
  g_return_val_if_fail (group < PB_COMPARE_N_GROUPS, 0);

  return self->counts[group];
}

static gboolean
list_has (GListModel *model,
          gpointer    item)
{
  guint n = model != NULL ? g_list_model_get_n_items (model) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) other = g_list_model_get_item (model, i);

      if (other == item)
        return TRUE;
    }
  return FALSE;
}

/* Removes every pair of `pairs` (two by two) that names `connection` on side `side`. */
static void
forget (GPtrArray    *pairs,
        guint         side,
        PbConnection *connection)
{
  for (guint i = pairs->len; i >= 2; i -= 2)
    if (pairs->pdata[i - 2 + side] == connection)
      g_ptr_array_remove_range (pairs, i - 2, 2);
}

gboolean
pb_compare_pair_by_hand (PbCompare    *self,
                         PbConnection *source,
                         PbConnection *target)
{
  g_return_val_if_fail (PB_IS_COMPARE (self), FALSE);
  g_return_val_if_fail (PB_IS_CONNECTION (source), FALSE);
  g_return_val_if_fail (PB_IS_CONNECTION (target), FALSE);

  if (!list_has (self->source, source) || !list_has (self->target, target))
    return FALSE;

  forget (self->by_hand, 0, source);
  forget (self->by_hand, 1, target);
  for (guint i = self->unpaired->len; i >= 2; i -= 2)
    if (self->unpaired->pdata[i - 2] == source && self->unpaired->pdata[i - 1] == target)
      g_ptr_array_remove_range (self->unpaired, i - 2, 2);

  g_ptr_array_add (self->by_hand, g_object_ref (source));
  g_ptr_array_add (self->by_hand, g_object_ref (target));
  schedule_grouping (self);
  return TRUE;
}

void
pb_compare_unpair (PbCompare     *self,
                   PbComparePair *pair)
{
  PbConnection *source, *target;

  g_return_if_fail (PB_IS_COMPARE (self));
  g_return_if_fail (PB_IS_COMPARE_PAIR (pair));

  source = pb_compare_pair_get_source (pair);
  target = pb_compare_pair_get_target (pair);
  if (source == NULL || target == NULL)
    return;

  forget (self->by_hand, 0, source);
  g_ptr_array_add (self->unpaired, g_object_ref (source));
  g_ptr_array_add (self->unpaired, g_object_ref (target));
  schedule_grouping (self);
}

PbComparePair *
pb_compare_find (PbCompare    *self,
                 PbConnection *connection)
{
  g_return_val_if_fail (PB_IS_COMPARE (self), NULL);
  g_return_val_if_fail (PB_IS_CONNECTION (connection), NULL);

  for (guint i = 0; i < self->pairs->len; i++)
    {
      PbComparePair *pair = g_ptr_array_index (self->pairs, i);

      if (pb_compare_pair_get_source (pair) == connection
          || pb_compare_pair_get_target (pair) == connection)
        return pair;
    }
  return NULL;
}

void
pb_compare_update_async (PbCompare          *self,
                         GCancellable       *cancellable,
                         GAsyncReadyCallback callback,
                         gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PB_IS_COMPARE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_compare_update_async);
  g_ptr_array_add (self->waiting, g_steal_pointer (&task));
  start_grouping (self);
}

gboolean
pb_compare_update_finish (PbCompare     *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (PB_IS_COMPARE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

GHashTable *
pb_compare_collect_uuids (GListModel *connections)
{
  g_autoptr(GPtrArray) array = NULL;

  g_return_val_if_fail (G_IS_LIST_MODEL (connections), NULL);

  array = snapshot (connections);
  return _pb_compare_collect_uuids_array (array);
}

GPtrArray *
pb_compare_dup_self_references (PbCompare     *self,
                                PbComparePair *pair)
{
  PbConnection *source;

  g_return_val_if_fail (PB_IS_COMPARE (self), NULL);
  g_return_val_if_fail (PB_IS_COMPARE_PAIR (pair), NULL);

  source = pb_compare_pair_get_source (pair);
  if (source == NULL)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) pb_self_reference_free);
  return pb_compare_find_self_references (source, self->base_url, self->target_uuids);
}

/* }}} */
