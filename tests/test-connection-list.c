/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-connection-list"

#include "config.h"

#include <string.h>

#include "pb-connection.h"
#include "pb-connection-list.h"

static PbConnection *
make_connection (const char *ref,
                 const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  PbConnection *connection;

  if (ref != NULL)
    text = g_strdup_printf ("{\"ref\": \"%s\", \"name\": \"%s\"}", ref, name);
  else
    text = g_strdup_printf ("{\"name\": \"%s\"}", name);
  connection = pb_connection_new_from_data (text, -1, &error);
  g_assert_no_error (error);
  return connection;
}

/* A batch from refs such as "a b c"; names are "<ref> <tag>". */
static GPtrArray *
make_batch (const char *refs,
            const char *tag)
{
  g_auto(GStrv) split = g_strsplit (refs, " ", -1);
  GPtrArray *batch = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; split[i] != NULL; i++)
    {
      g_autofree char *name = NULL;

      if (split[i][0] == '\0')
        continue;
      name = g_strdup_printf ("%s %s", split[i], tag);
      g_ptr_array_add (batch, make_connection (split[i], name));
    }

  return batch;
}

/* Keeps a GListStore equal to the model by replaying each items-changed, and checks at each
 * signal that the model is already in the state the signal describes. */
typedef struct
{
  GListModel *model;
  GListStore *mirror;
  guint       n_signals;
  gboolean    check_all; /* compare every item at every signal (small lists) */
  guint       last_position;
  guint       last_removed;
  guint       last_added;
} Mirror;

static void
assert_same_items (GListModel *a,
                   GListModel *b)
{
  guint n = g_list_model_get_n_items (a);

  g_assert_cmpuint (n, ==, g_list_model_get_n_items (b));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) x = g_list_model_get_item (a, i);
      g_autoptr(GObject) y = g_list_model_get_item (b, i);

      g_assert_true (x == y);
    }
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Mirror     *m)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint mirror_n = g_list_model_get_n_items (G_LIST_MODEL (m->mirror));

  g_assert_true (removed > 0 || added > 0);
  g_assert_cmpuint (position + removed, <=, mirror_n);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, mirror_n - removed + added);

  for (guint i = 0; i < added; i++)
    {
      GObject *item = g_list_model_get_item (model, position + i);

      g_assert_true (PB_IS_CONNECTION (item));
      g_ptr_array_add (items, item);
    }
  g_list_store_splice (m->mirror, position, removed, items->pdata, added);

  if (m->check_all)
    assert_same_items (model, G_LIST_MODEL (m->mirror));

  m->n_signals++;
  m->last_position = position;
  m->last_removed = removed;
  m->last_added = added;
}

static void
mirror_init (Mirror           *m,
             PbConnectionList *list,
             gboolean          check_all)
{
  memset (m, 0, sizeof *m);
  m->model = G_LIST_MODEL (list);
  m->mirror = g_list_store_new (PB_TYPE_CONNECTION);
  m->check_all = check_all;
  for (guint i = 0; i < g_list_model_get_n_items (m->model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (m->model, i);

      g_list_store_append (m->mirror, item);
    }
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), m);
}

static void
mirror_clear (Mirror *m)
{
  g_signal_handlers_disconnect_by_data (m->model, m);
  g_clear_object (&m->mirror);
}

static char *
refs_of (GListModel *model)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PbConnection) c = g_list_model_get_item (model, i);
      const char *ref = pb_connection_get_ref (c);

      if (i > 0)
        g_string_append_c (s, ' ');
      g_string_append (s, ref ? ref : "-");
    }

  return g_string_free (s, FALSE);
}

static PbConnection *
item_at (PbConnectionList *list,
         guint             position)
{
  PbConnection *c = g_list_model_get_item (G_LIST_MODEL (list), position);

  g_object_unref (c); /* the list holds one */
  return c;
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_append (void)
{
  g_autoptr(PbConnectionList) list = pb_connection_list_new ();
  g_autoptr(GPtrArray) first = make_batch ("a b c", "1");
  g_autoptr(GPtrArray) second = make_batch ("d e", "1");
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autofree char *refs = NULL;
  Mirror m;
  guint n_items_notified = 0;
  guint position = 0;
  guint n = 0;

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == PB_TYPE_CONNECTION);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 0));

  mirror_init (&m, list, TRUE);
  g_signal_connect (list, "notify::n-items", G_CALLBACK (count_notify), &n_items_notified);

  pb_connection_list_append (list, first);
  g_assert_cmpuint (m.n_signals, ==, 1);
  g_assert_cmpuint (m.last_position, ==, 0);
  g_assert_cmpuint (m.last_removed, ==, 0);
  g_assert_cmpuint (m.last_added, ==, 3);
  g_assert_cmpuint (n_items_notified, ==, 1);

  pb_connection_list_append (list, second);
  g_assert_cmpuint (m.n_signals, ==, 2);
  g_assert_cmpuint (m.last_position, ==, 3);
  g_assert_cmpuint (m.last_added, ==, 2);

  pb_connection_list_append (list, none);
  g_assert_cmpuint (m.n_signals, ==, 2);

  refs = refs_of (G_LIST_MODEL (list));
  g_assert_cmpstr (refs, ==, "a b c d e");
  g_assert_true (item_at (list, 3) == second->pdata[0]);
  g_assert_true (pb_connection_list_find (list, "d", &position) == second->pdata[0]);
  g_assert_cmpuint (position, ==, 3);
  g_assert_true (pb_connection_list_find (list, "a", NULL) == first->pdata[0]);
  g_assert_null (pb_connection_list_find (list, "zzz", &position));
  g_assert_null (pb_connection_list_find (list, NULL, NULL));
  g_object_get (list, "n-items", &n, NULL);
  g_assert_cmpuint (n, ==, 5);
  assert_same_items (G_LIST_MODEL (list), G_LIST_MODEL (m.mirror));

  mirror_clear (&m);
  g_signal_handlers_disconnect_by_data (list, &n_items_notified);
}

static void
test_replace_all_merge (void)
{
  g_autoptr(PbConnectionList) list = pb_connection_list_new ();
  g_autoptr(GPtrArray) before = make_batch ("a b c d e", "old");
  g_autoptr(GPtrArray) after = make_batch ("a c x e y", "new");
  g_autofree char *refs = NULL;
  PbConnection *a = before->pdata[0];
  PbConnection *b = before->pdata[1];
  PbConnection *c = before->pdata[2];
  PbConnection *d = before->pdata[3];
  PbConnection *e = before->pdata[4];
  guint a_notified = 0;
  Mirror m;

  pb_connection_list_append (list, before);
  mirror_init (&m, list, TRUE);
  g_signal_connect (a, "notify::name", G_CALLBACK (count_notify), &a_notified);

  pb_connection_list_replace_all (list, after);

  refs = refs_of (G_LIST_MODEL (list));
  g_assert_cmpstr (refs, ==, "a c x e y");
  /* Same ref: the same object, updated in place. */
  g_assert_true (item_at (list, 0) == a);
  g_assert_true (item_at (list, 1) == c);
  g_assert_true (item_at (list, 2) == after->pdata[2]);
  g_assert_true (item_at (list, 3) == e);
  g_assert_true (item_at (list, 4) == after->pdata[4]);
  g_assert_cmpstr (pb_connection_get_name (a), ==, "a new");
  g_assert_cmpstr (pb_connection_get_name (e), ==, "e new");
  g_assert_cmpuint (a_notified, ==, 1);
  /* One signal per contiguous change: b gone; d replaced by x; y added. */
  g_assert_cmpuint (m.n_signals, ==, 3);
  assert_same_items (G_LIST_MODEL (list), G_LIST_MODEL (m.mirror));
  g_assert_true (pb_connection_list_find (list, "x", NULL) == after->pdata[2]);
  g_assert_null (pb_connection_list_find (list, "b", NULL));
  g_assert_null (pb_connection_list_find (list, "d", NULL));

  /* The removed ones are let go. */
  mirror_clear (&m);
  g_signal_handlers_disconnect_by_data (a, &a_notified);
  g_object_ref (b);
  g_object_ref (d);
  g_clear_pointer (&before, g_ptr_array_unref);
  g_assert_finalize_object (b);
  g_assert_finalize_object (d);
  g_clear_pointer (&after, g_ptr_array_unref);
  g_assert_cmpstr (pb_connection_get_name (c), ==, "c new");
  g_object_ref (c);
  g_clear_object (&list);
  g_assert_finalize_object (c);
}

static void
test_replace_all_reorder (void)
{
  g_autoptr(PbConnectionList) list = pb_connection_list_new ();
  g_autoptr(GPtrArray) before = make_batch ("a b c d", "1");
  g_autoptr(GPtrArray) after = make_batch ("d a b c", "1");
  g_autofree char *refs = NULL;
  Mirror m;

  pb_connection_list_append (list, before);
  mirror_init (&m, list, TRUE);

  pb_connection_list_replace_all (list, after);
  refs = refs_of (G_LIST_MODEL (list));
  g_assert_cmpstr (refs, ==, "d a b c");
  for (guint i = 0; i < 4; i++)
    g_assert_true (item_at (list, i) == before->pdata[(i + 3) % 4]);
  /* d moves: out at the end, in at the start; a b c are not touched. */
  g_assert_cmpuint (m.n_signals, ==, 2);
  assert_same_items (G_LIST_MODEL (list), G_LIST_MODEL (m.mirror));

  mirror_clear (&m);
}

static void
test_replace_all_unchanged (void)
{
  g_autoptr(PbConnectionList) list = pb_connection_list_new ();
  g_autoptr(GPtrArray) before = make_batch ("a b c", "1");
  g_autoptr(GPtrArray) same = make_batch ("a b c", "1");
  g_autoptr(GPtrArray) renamed = make_batch ("a b c", "2");
  guint notified = 0;
  Mirror m;

  pb_connection_list_append (list, before);
  mirror_init (&m, list, TRUE);
  g_signal_connect (before->pdata[1], "notify", G_CALLBACK (count_notify), &notified);

  pb_connection_list_replace_all (list, same);
  g_assert_cmpuint (m.n_signals, ==, 0);
  g_assert_cmpuint (notified, ==, 0);

  /* Values change in place: rows update through their bindings, the list does not move. */
  pb_connection_list_replace_all (list, renamed);
  g_assert_cmpuint (m.n_signals, ==, 0);
  g_assert_cmpuint (notified, ==, 2); /* name and json */
  g_assert_cmpstr (pb_connection_get_name (item_at (list, 1)), ==, "b 2");
  g_assert_true (item_at (list, 1) == before->pdata[1]);

  /* The list's own objects given back: nothing to do. */
  pb_connection_list_replace_all (list, before);
  g_assert_cmpuint (m.n_signals, ==, 0);

  g_signal_handlers_disconnect_by_data (before->pdata[1], &notified);
  mirror_clear (&m);
}

/* The window's case: every page appended, then replace_all with the same objects in a new
 * array. Nothing moves and nothing is notified; a different order, one more or one fewer
 * still goes through the merge. */
static void
test_replace_all_same_objects (void)
{
  g_autoptr(PbConnectionList) list = pb_connection_list_new ();
  g_autoptr(GPtrArray) pages = make_batch ("a b c d", "1");
  g_autoptr(GPtrArray) again = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(PbConnection) e = make_connection ("e", "e 1");
  g_autofree char *refs = NULL;
  guint notified = 0;
  guint n_items_notified = 0;
  guint position = 0;
  Mirror m;

  pb_connection_list_append (list, pages);
  for (guint i = 0; i < pages->len; i++)
    g_ptr_array_add (again, g_object_ref (pages->pdata[i]));
  mirror_init (&m, list, TRUE);
  for (guint i = 0; i < pages->len; i++)
    g_signal_connect (pages->pdata[i], "notify", G_CALLBACK (count_notify), &notified);
  g_signal_connect (list, "notify::n-items", G_CALLBACK (count_notify), &n_items_notified);

  pb_connection_list_replace_all (list, again);
  g_assert_cmpuint (m.n_signals, ==, 0);
  g_assert_cmpuint (notified, ==, 0);
  g_assert_cmpuint (n_items_notified, ==, 0);
  refs = refs_of (G_LIST_MODEL (list));
  g_assert_cmpstr (refs, ==, "a b c d");
  g_assert_true (pb_connection_list_find (list, "c", &position) == pages->pdata[2]);
  g_assert_cmpuint (position, ==, 2);

  /* Same objects, another order: a move. */
  g_ptr_array_remove_index (again, 0);
  g_ptr_array_add (again, g_object_ref (pages->pdata[0]));
  pb_connection_list_replace_all (list, again);
  g_clear_pointer (&refs, g_free);
  refs = refs_of (G_LIST_MODEL (list));
  g_assert_cmpstr (refs, ==, "b c d a");
  g_assert_cmpuint (m.n_signals, ==, 2);
  g_assert_cmpuint (notified, ==, 0);
  assert_same_items (G_LIST_MODEL (list), G_LIST_MODEL (m.mirror));

  /* The same objects and one more: only the new one is added. */
  g_ptr_array_add (again, g_object_ref (e));
  n_items_notified = 0;
  pb_connection_list_replace_all (list, again);
  g_assert_cmpuint (m.n_signals, ==, 3);
  g_assert_cmpuint (m.last_position, ==, 4);
  g_assert_cmpuint (m.last_removed, ==, 0);
  g_assert_cmpuint (m.last_added, ==, 1);
  g_assert_cmpuint (n_items_notified, ==, 1);

  /* One fewer: only that one is removed. */
  g_ptr_array_remove_index (again, 1);
  pb_connection_list_replace_all (list, again);
  g_clear_pointer (&refs, g_free);
  refs = refs_of (G_LIST_MODEL (list));
  g_assert_cmpstr (refs, ==, "b d a e");
  g_assert_cmpuint (m.n_signals, ==, 4);
  g_assert_cmpuint (m.last_position, ==, 1);
  g_assert_cmpuint (m.last_removed, ==, 1);
  g_assert_cmpuint (m.last_added, ==, 0);
  g_assert_null (pb_connection_list_find (list, "c", NULL));
  g_assert_true (pb_connection_list_find (list, "e", &position) == e);
  g_assert_cmpuint (position, ==, 3);
  assert_same_items (G_LIST_MODEL (list), G_LIST_MODEL (m.mirror));
  g_assert_cmpuint (notified, ==, 0);

  for (guint i = 0; i < pages->len; i++)
    g_signal_handlers_disconnect_by_data (pages->pdata[i], &notified);
  g_signal_handlers_disconnect_by_data (list, &n_items_notified);
  mirror_clear (&m);
}

static void
test_replace_all_empty (void)
{
  g_autoptr(PbConnectionList) list = pb_connection_list_new ();
  g_autoptr(GPtrArray) batch = make_batch ("a b c", "1");
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  Mirror m;

  mirror_init (&m, list, TRUE);

  pb_connection_list_replace_all (list, none);
  g_assert_cmpuint (m.n_signals, ==, 0);

  pb_connection_list_replace_all (list, batch);
  g_assert_cmpuint (m.n_signals, ==, 1);
  g_assert_cmpuint (m.last_added, ==, 3);

  pb_connection_list_replace_all (list, none);
  g_assert_cmpuint (m.n_signals, ==, 2);
  g_assert_cmpuint (m.last_position, ==, 0);
  g_assert_cmpuint (m.last_removed, ==, 3);
  g_assert_cmpuint (m.last_added, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_assert_null (pb_connection_list_find (list, "a", NULL));

  mirror_clear (&m);
}

static void
test_replace_all_duplicates (void)
{
  g_autoptr(PbConnectionList) list = pb_connection_list_new ();
  g_autoptr(GPtrArray) before = make_batch ("a b", "1");
  g_autoptr(GPtrArray) after = make_batch ("b a a", "2");
  g_autofree char *refs = NULL;
  Mirror m;

  g_ptr_array_add (before, make_connection (NULL, "no ref"));
  g_ptr_array_add (after, make_connection (NULL, "no ref either"));
  pb_connection_list_append (list, before);
  mirror_init (&m, list, TRUE);

  pb_connection_list_replace_all (list, after);
  refs = refs_of (G_LIST_MODEL (list));
  g_assert_cmpstr (refs, ==, "b a a -");
  g_assert_true (item_at (list, 0) == before->pdata[1]);
  g_assert_true (item_at (list, 1) == before->pdata[0]);
  /* The second "a" cannot be the same object twice: it is the new one. */
  g_assert_true (item_at (list, 2) == after->pdata[2]);
  g_assert_true (item_at (list, 3) == after->pdata[3]);
  g_assert_true (pb_connection_list_find (list, "a", NULL) == before->pdata[0]);
  assert_same_items (G_LIST_MODEL (list), G_LIST_MODEL (m.mirror));

  /* Removing the first "a" lets the other one be found. */
  g_assert_true (pb_connection_list_remove (list, "a"));
  g_assert_true (pb_connection_list_find (list, "a", NULL) == after->pdata[2]);
  assert_same_items (G_LIST_MODEL (list), G_LIST_MODEL (m.mirror));

  mirror_clear (&m);
}

/* Random old and new lists, checked against the mirror and the expected order. */
static void
test_replace_all_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (4242);

  for (guint round = 0; round < 300; round++)
    {
      g_autoptr(PbConnectionList) list = pb_connection_list_new ();
      g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GPtrArray) after = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GString) expected = g_string_new (NULL);
      g_autofree char *refs = NULL;
      guint n_before = g_rand_int_range (rand, 0, 30);
      guint n_after = g_rand_int_range (rand, 0, 30);
      guint universe = g_rand_int_range (rand, 1, 40);
      Mirror m;

      for (guint i = 0; i < n_before; i++)
        {
          g_autofree char *ref = g_strdup_printf ("r%u", g_rand_int_range (rand, 0, universe));

          g_ptr_array_add (before, make_connection (ref, "before"));
        }
      for (guint i = 0; i < n_after; i++)
        {
          g_autofree char *ref = g_strdup_printf ("r%u", g_rand_int_range (rand, 0, universe));

          g_ptr_array_add (after, make_connection (ref, g_rand_boolean (rand) ? "before"
                                                                              : "after"));
          if (i > 0)
            g_string_append_c (expected, ' ');
          g_string_append (expected, ref);
        }

      /* Sometimes start from a list built by replace_all, sometimes by append. */
      if (g_rand_boolean (rand))
        pb_connection_list_append (list, before);
      else
        pb_connection_list_replace_all (list, before);

      mirror_init (&m, list, TRUE);
      pb_connection_list_replace_all (list, after);
      assert_same_items (G_LIST_MODEL (list), G_LIST_MODEL (m.mirror));
      refs = refs_of (G_LIST_MODEL (list));
      g_assert_cmpstr (refs, ==, expected->str);

      /* Each ref that existed is still its first object, with the new values. */
      for (guint i = 0; i < n_after; i++)
        {
          PbConnection *now = item_at (list, i);
          const char *ref = pb_connection_get_ref (now);
          PbConnection *old = NULL;
          gboolean first = TRUE;

          for (guint j = 0; j < before->len && old == NULL; j++)
            if (g_strcmp0 (pb_connection_get_ref (before->pdata[j]), ref) == 0)
              old = before->pdata[j];
          for (guint j = 0; j < i; j++)
            if (g_strcmp0 (pb_connection_get_ref (item_at (list, j)), ref) == 0)
              first = FALSE;

          if (old != NULL && first)
            g_assert_true (now == old);
          else
            g_assert_true (now == after->pdata[i]);
          g_assert_cmpstr (pb_connection_get_name (now), ==,
                           pb_connection_get_name (after->pdata[i]));
        }

      mirror_clear (&m);
    }
}

/* find() answers the first item of each ref in the list, at its position, and nothing for
 * a ref that is not there. */
static void
assert_index (PbConnectionList *list,
              const char       *gone_ref)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  for (guint i = 0; i < n; i++)
    {
      PbConnection *item = item_at (list, i);
      const char *ref = pb_connection_get_ref (item);
      PbConnection *first = NULL;
      guint first_position = 0;
      guint position = G_MAXUINT;

      if (ref == NULL)
        continue;
      for (guint j = 0; j <= i && first == NULL; j++)
        if (g_strcmp0 (pb_connection_get_ref (item_at (list, j)), ref) == 0)
          {
            first = item_at (list, j);
            first_position = j;
          }
      g_assert_true (pb_connection_list_find (list, ref, &position) == first);
      g_assert_cmpuint (position, ==, first_position);
    }
  if (gone_ref != NULL)
    g_assert_null (pb_connection_list_find (list, gone_ref, NULL));
}

/* Random merges from lists whose refs are all different (the usual case, the index is kept
 * up to date in place) into lists with repeated refs, items without a ref, the list's own
 * objects and reordered ones; each checked against what the list must hold and find(). */
static void
test_replace_all_random_unique (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (777);

  for (guint round = 0; round < 300; round++)
    {
      g_autoptr(PbConnectionList) list = pb_connection_list_new ();
      g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GPtrArray) after = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GPtrArray) expected = g_ptr_array_new ();
      guint universe = g_rand_int_range (rand, 1, 40);
      guint n_before = g_rand_int_range (rand, 0, universe + 1);
      guint n_after = g_rand_int_range (rand, 0, 40);
      g_autofree guint *order = g_new (guint, universe);
      gboolean repeat = g_rand_boolean (rand);
      gboolean distinct = TRUE;
      Mirror m;

      /* n_before different refs out of the universe, in a random order. */
      for (guint i = 0; i < universe; i++)
        order[i] = i;
      for (guint i = universe; i > 1; i--)
        {
          guint j = g_rand_int_range (rand, 0, i);
          guint tmp = order[i - 1];

          order[i - 1] = order[j];
          order[j] = tmp;
        }
      for (guint i = 0; i < n_before; i++)
        {
          g_autofree char *ref = g_strdup_printf ("r%u", order[i]);

          g_ptr_array_add (before, make_connection (ref, "before"));
        }
      pb_connection_list_append (list, before);

      for (guint i = 0; i < n_after; i++)
        {
          guint choice = g_rand_int_range (rand, 0, 10);
          PbConnection *item;

          if (choice == 0)
            item = make_connection (NULL, "no ref");
          else if (choice == 1 && before->len > 0)
            item = g_object_ref (before->pdata[g_rand_int_range (rand, 0, before->len)]);
          else
            {
              g_autofree char *ref = g_strdup_printf ("r%u", repeat
                                                      ? (guint)g_rand_int_range (rand, 0, universe)
                                                      : order[i % universe]);

              item = make_connection (ref, g_rand_boolean (rand) ? "before" : "after");
            }
          g_ptr_array_add (after, item);
        }

      /* The expected objects: the old object of a ref for its first new item, else the
       * given one. */
      for (guint i = 0; i < after->len; i++)
        {
          const char *ref = pb_connection_get_ref (after->pdata[i]);
          PbConnection *old = NULL;
          gboolean first = TRUE;

          for (guint j = 0; ref != NULL && j < before->len && old == NULL; j++)
            if (g_strcmp0 (pb_connection_get_ref (before->pdata[j]), ref) == 0)
              old = before->pdata[j];
          for (guint j = 0; ref != NULL && j < i; j++)
            if (g_strcmp0 (pb_connection_get_ref (after->pdata[j]), ref) == 0)
              first = FALSE;
          g_ptr_array_add (expected, old != NULL && first ? old : after->pdata[i]);
        }

      mirror_init (&m, list, TRUE);
      pb_connection_list_replace_all (list, after);
      assert_same_items (G_LIST_MODEL (list), G_LIST_MODEL (m.mirror));
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, expected->len);
      for (guint i = 0; i < expected->len; i++)
        {
          g_assert_true (item_at (list, i) == expected->pdata[i]);
          g_assert_cmpstr (pb_connection_get_name (item_at (list, i)), ==,
                           pb_connection_get_name (after->pdata[i]));
        }
      assert_index (list, "r999");

      /* And back: the list's objects in another order, then one removed. With a ref
       * twice, its first item in the new order takes the values into the object found by
       * that ref: the identity holds only when the refs differ. */
      for (guint i = 0; i < expected->len; i++)
        for (guint j = 0; j < i; j++)
          if (pb_connection_get_ref (expected->pdata[i]) != NULL
              && g_strcmp0 (pb_connection_get_ref (expected->pdata[i]),
                            pb_connection_get_ref (expected->pdata[j])) == 0)
            distinct = FALSE;
      for (guint i = expected->len; i > 1; i--)
        {
          guint j = g_rand_int_range (rand, 0, i);
          gpointer tmp = expected->pdata[i - 1];

          expected->pdata[i - 1] = expected->pdata[j];
          expected->pdata[j] = tmp;
        }
      pb_connection_list_replace_all (list, expected);
      assert_same_items (G_LIST_MODEL (list), G_LIST_MODEL (m.mirror));
      for (guint i = 0; distinct && i < expected->len; i++)
        g_assert_true (item_at (list, i) == expected->pdata[i]);
      assert_index (list, NULL);
      if (expected->len > 0)
        {
          PbConnection *dropped = expected->pdata[0];
          const char *ref = pb_connection_get_ref (dropped);
          gboolean ref_stays = FALSE;

          g_ptr_array_remove_index (expected, 0);
          for (guint i = 0; i < expected->len; i++)
            if (ref != NULL && g_strcmp0 (pb_connection_get_ref (expected->pdata[i]), ref) == 0)
              ref_stays = TRUE;
          pb_connection_list_replace_all (list, expected);
          assert_same_items (G_LIST_MODEL (list), G_LIST_MODEL (m.mirror));
          assert_index (list, ref_stays ? NULL : ref);
        }

      mirror_clear (&m);
    }
}

static void
test_update (void)
{
  g_autoptr(PbConnectionList) list = pb_connection_list_new ();
  g_autoptr(GPtrArray) batch = make_batch ("a b", "1");
  g_autoptr(PbConnection) b2 = make_connection ("b", "b 2");
  g_autoptr(PbConnection) c = make_connection ("c", "c 1");
  g_autoptr(PbConnection) nameless = make_connection (NULL, "no ref");
  guint notified = 0;
  Mirror m;

  pb_connection_list_append (list, batch);
  mirror_init (&m, list, TRUE);
  g_signal_connect (batch->pdata[1], "notify::name", G_CALLBACK (count_notify), &notified);

  g_assert_true (pb_connection_list_update (list, b2) == batch->pdata[1]);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpuint (m.n_signals, ==, 0);
  g_assert_cmpstr (pb_connection_get_name (item_at (list, 1)), ==, "b 2");

  g_assert_true (pb_connection_list_update (list, c) == c);
  g_assert_cmpuint (m.n_signals, ==, 1);
  g_assert_cmpuint (m.last_position, ==, 2);
  g_assert_cmpuint (m.last_added, ==, 1);
  g_assert_true (pb_connection_list_find (list, "c", NULL) == c);

  g_assert_true (pb_connection_list_update (list, nameless) == nameless);
  g_assert_cmpuint (m.n_signals, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 4);
  assert_same_items (G_LIST_MODEL (list), G_LIST_MODEL (m.mirror));

  g_signal_handlers_disconnect_by_data (batch->pdata[1], &notified);
  mirror_clear (&m);
}

static void
test_remove_and_clear (void)
{
  g_autoptr(PbConnectionList) list = pb_connection_list_new ();
  g_autoptr(GPtrArray) batch = make_batch ("a b c d", "1");
  g_autofree char *refs = NULL;
  Mirror m;

  pb_connection_list_append (list, batch);
  mirror_init (&m, list, TRUE);

  g_assert_true (pb_connection_list_remove (list, "c"));
  g_assert_cmpuint (m.n_signals, ==, 1);
  g_assert_cmpuint (m.last_position, ==, 2);
  g_assert_cmpuint (m.last_removed, ==, 1);
  g_assert_cmpuint (m.last_added, ==, 0);
  g_assert_null (pb_connection_list_find (list, "c", NULL));
  g_assert_false (pb_connection_list_remove (list, "c"));
  g_assert_false (pb_connection_list_remove (list, "nope"));
  g_assert_cmpuint (m.n_signals, ==, 1);
  refs = refs_of (G_LIST_MODEL (list));
  g_assert_cmpstr (refs, ==, "a b d");

  pb_connection_list_clear (list);
  g_assert_cmpuint (m.n_signals, ==, 2);
  g_assert_cmpuint (m.last_removed, ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_assert_null (pb_connection_list_find (list, "a", NULL));
  pb_connection_list_clear (list);
  g_assert_cmpuint (m.n_signals, ==, 2);
  mirror_clear (&m);

  /* The list held the only other references. */
  for (guint i = 0; i < batch->len; i++)
    g_object_ref (batch->pdata[i]);
  {
    PbConnection *items[4];

    for (guint i = 0; i < 4; i++)
      items[i] = batch->pdata[i];
    g_clear_pointer (&batch, g_ptr_array_unref);
    for (guint i = 0; i < 4; i++)
      g_assert_finalize_object (items[i]);
  }
}

static GPtrArray *
make_numbered (guint  n,
               guint  first,
               guint  step,
               GRand *rand,
               double drop)
{
  GPtrArray *batch = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      char ref[32];
      char name[48];

      if (rand != NULL && g_rand_double (rand) < drop)
        continue;
      g_snprintf (ref, sizeof ref, "ref-%08u", first + i * step);
      g_snprintf (name, sizeof name, "Connection %u", first + i * step);
      g_ptr_array_add (batch, make_connection (ref, name));
    }

  return batch;
}

static void
run_large (guint n)
{
  g_autoptr(PbConnectionList) list = pb_connection_list_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (n);
  g_autoptr(GPtrArray) before = make_numbered (n, 0, 1, NULL, 0);
  g_autoptr(GPtrArray) after = make_numbered (n, 0, 1, rand, 0.1);
  g_autoptr(GPtrArray) extra = make_numbered (n / 10, n, 1, NULL, 0);
  PbConnection *kept;
  Mirror m;

  pb_connection_list_replace_all (list, before);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n);

  /* Scattered new items and a few moves. */
  for (guint i = 0; i < extra->len; i++)
    g_ptr_array_insert (after, g_rand_int_range (rand, 0, after->len + 1),
                        g_object_ref (extra->pdata[i]));
  for (guint i = 0; i < 20; i++)
    {
      guint from = g_rand_int_range (rand, 0, after->len);
      guint to = g_rand_int_range (rand, 0, after->len);
      gpointer tmp = after->pdata[from];

      after->pdata[from] = after->pdata[to];
      after->pdata[to] = tmp;
    }

  mirror_init (&m, list, FALSE);
  pb_connection_list_replace_all (list, after);
  assert_same_items (G_LIST_MODEL (list), G_LIST_MODEL (m.mirror));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, after->len);
  g_assert_cmpuint (m.n_signals, >, 0);
  g_test_message ("%u items: %u signals", n, m.n_signals);

  for (guint i = 0; i < after->len; i += 97)
    {
      PbConnection *now = item_at (list, i);
      guint position = 0;

      g_assert_cmpstr (pb_connection_get_ref (now), ==, pb_connection_get_ref (after->pdata[i]));
      g_assert_true (pb_connection_list_find (list, pb_connection_get_ref (now), &position)
                     == now);
      g_assert_cmpuint (position, ==, i);
    }

  /* Identity of an item that stayed. */
  kept = pb_connection_list_find (list, pb_connection_get_ref (before->pdata[n / 2]), NULL);
  g_assert_true (kept == NULL || kept == before->pdata[n / 2]);

  mirror_clear (&m);
}

static void
test_large (void)
{
  run_large (10000);
  run_large (50000);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/connection-list/append", test_append);
  g_test_add_func ("/connection-list/replace-all/merge", test_replace_all_merge);
  g_test_add_func ("/connection-list/replace-all/reorder", test_replace_all_reorder);
  g_test_add_func ("/connection-list/replace-all/unchanged", test_replace_all_unchanged);
  g_test_add_func ("/connection-list/replace-all/same-objects", test_replace_all_same_objects);
  g_test_add_func ("/connection-list/replace-all/empty", test_replace_all_empty);
  g_test_add_func ("/connection-list/replace-all/duplicates", test_replace_all_duplicates);
  g_test_add_func ("/connection-list/replace-all/random", test_replace_all_random);
  g_test_add_func ("/connection-list/replace-all/random-unique", test_replace_all_random_unique);
  g_test_add_func ("/connection-list/update", test_update);
  g_test_add_func ("/connection-list/remove-and-clear", test_remove_and_clear);
  g_test_add_func ("/connection-list/large", test_large);

  return g_test_run ();
}
