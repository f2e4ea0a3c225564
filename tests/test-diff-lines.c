/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The line diff of long values (pb_diff_lines()): a shortest edit script, JSON compared
 * pretty-printed, and big texts in bounded time and memory. */
#define G_LOG_DOMAIN "test-diff-lines"

#include "config.h"

#include <string.h>

#include "pb-diff.h"

/* The old text (without added lines) or the new one (without removed lines), joined. */
static char *
side_of (GPtrArray      *lines,
         PbDiffLineKind  left_out)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < lines->len; i++)
    {
      PbDiffLine *line = g_ptr_array_index (lines, i);

      if (line->kind == left_out)
        continue;
      g_string_append (out, line->text);
      g_string_append_c (out, '\n');
    }

  return g_strdup (out->str);
}

static guint
count_kind (GPtrArray      *lines,
            PbDiffLineKind  kind)
{
  guint n = 0;

  for (guint i = 0; i < lines->len; i++)
    n += ((PbDiffLine *) g_ptr_array_index (lines, i))->kind == kind;

  return n;
}

/* The lines as "  a", "- b", "+ x", one a line. */
static char *
render (GPtrArray *lines)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *marks[] = { " ", "-", "+" };

  for (guint i = 0; i < lines->len; i++)
    {
      PbDiffLine *line = g_ptr_array_index (lines, i);

      g_string_append_printf (out, "%s%s\n", marks[line->kind], line->text);
    }

  return g_strdup (out->str);
}

static void
test_diff_lines_small (void)
{
  g_autoptr(GPtrArray) lines = pb_diff_lines ("a\nb\nc\nd", "a\nx\nc\nd\ne\n");
  g_autofree char *shown = render (lines);
  g_autoptr(GPtrArray) crlf = pb_diff_lines ("one\r\ntwo\r\n", "one\ntwo");
  g_autoptr(GPtrArray) from_nothing = pb_diff_lines (NULL, "new\nlines");
  g_autoptr(GPtrArray) to_nothing = pb_diff_lines ("old", "");
  g_autoptr(GPtrArray) nothing = pb_diff_lines ("", NULL);

  g_assert_cmpstr (shown, ==, " a\n-b\n+x\n c\n d\n+e\n");
  g_assert_cmpuint (crlf->len, ==, 2);
  g_assert_cmpuint (count_kind (crlf, PB_DIFF_LINE_SAME), ==, 2);
  g_assert_cmpuint (from_nothing->len, ==, 2);
  g_assert_cmpuint (count_kind (from_nothing, PB_DIFF_LINE_ADDED), ==, 2);
  g_assert_cmpuint (to_nothing->len, ==, 1);
  g_assert_cmpuint (count_kind (to_nothing, PB_DIFF_LINE_REMOVED), ==, 1);
  g_assert_cmpuint (nothing->len, ==, 0);
}

/* The length of the longest common subsequence of two lists of letters. */
static guint
lcs_length (const char *a,
            const char *b)
{
  gsize n = strlen (a), m = strlen (b);
  g_autofree guint *table = g_new0 (guint, (n + 1) * (m + 1));

  for (gsize i = n; i-- > 0;)
    for (gsize j = m; j-- > 0;)
      table[i * (m + 1) + j] = a[i] == b[j] ? table[(i + 1) * (m + 1) + j + 1] + 1
                               : MAX (table[(i + 1) * (m + 1) + j], table[i * (m + 1) + j + 1]);

  return table[0];
}

static char *
letters_to_lines (const char *letters)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (const char *p = letters; *p != '\0'; p++)
    g_string_append_printf (out, "%c\n", *p);

  return g_strdup (out->str);
}

/* A shortest edit script: as many lines kept as the longest common subsequence has, and each
 * side made of its lines in order; checked on random texts of few distinct lines. */
static void
test_diff_lines_shortest (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (13);

  for (guint round = 0; round < 300; round++)
    {
      char a[40], b[40];
      guint n = g_rand_int_range (rand, 0, 39), m = g_rand_int_range (rand, 0, 39);
      g_autofree char *old_text = NULL;
      g_autofree char *new_text = NULL;
      g_autoptr(GPtrArray) lines = NULL;
      g_autofree char *old_side = NULL;
      g_autofree char *new_side = NULL;

      for (guint i = 0; i < n; i++)
        a[i] = 'a' + g_rand_int_range (rand, 0, 4);
      for (guint i = 0; i < m; i++)
        b[i] = 'a' + g_rand_int_range (rand, 0, 4);
      a[n] = b[m] = '\0';

      old_text = letters_to_lines (a);
      new_text = letters_to_lines (b);
      lines = pb_diff_lines (old_text, new_text);
      old_side = side_of (lines, PB_DIFF_LINE_ADDED);
      new_side = side_of (lines, PB_DIFF_LINE_REMOVED);

      g_assert_cmpstr (old_side, ==, old_text);
      g_assert_cmpstr (new_side, ==, new_text);
      g_assert_cmpuint (count_kind (lines, PB_DIFF_LINE_SAME), ==, lcs_length (a, b));
    }
}

/* JSON texts compare pretty-printed: one changed member is one changed line, even in a body
 * written on one line. */
static void
test_diff_lines_json (void)
{
  g_autoptr(GPtrArray) lines = pb_diff_lines ("{\"to\":\"${phone}\",\"count\":${count},\"x\":1}",
                                              "{\"to\": \"${phone}\", \"count\": ${count}, "
                                              "\"x\": 2}");
  g_autofree char *shown = render (lines);
  g_autoptr(GPtrArray) not_json = pb_diff_lines ("{\"a\":1,\"b\":2}", "{not json");

  g_assert_cmpstr (shown, ==,
                   " {\n"
                   "   \"to\": \"${phone}\",\n"
                   "   \"count\": ${count},\n"
                   "-  \"x\": 1\n"
                   "+  \"x\": 2\n"
                   " }\n");
  /* When one side is not JSON, both are compared as written. */
  g_assert_cmpuint (not_json->len, ==, 2);
  g_assert_cmpstr (((PbDiffLine *) g_ptr_array_index (not_json, 0))->text, ==,
                   "{\"a\":1,\"b\":2}");
}

static char *
numbered_lines (guint       n,
                const char *prefix,
                guint       every,
                const char *changed)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      if (every != 0 && i % every == every / 2)
        g_string_append_printf (out, "%s %u\n", changed, i);
      else
        g_string_append_printf (out, "%s %u\n", prefix, i);
    }

  return g_strdup (out->str);
}

/* 20,000 lines each: a few changes give exactly those lines; texts with nothing in common
 * still finish (removed, then added), in bounded time and memory. */
static void
test_diff_lines_large (void)
{
  g_autofree char *old_text = numbered_lines (20000, "line", 0, NULL);
  g_autofree char *few = numbered_lines (20000, "line", 1000, "edited");
  g_autofree char *other = numbered_lines (20000, "other", 0, NULL);
  g_autofree char *many = numbered_lines (20000, "line", 3, "edited");
  g_autoptr(GPtrArray) lines = pb_diff_lines (old_text, few);
  g_autofree char *new_side = side_of (lines, PB_DIFF_LINE_REMOVED);

  g_assert_cmpuint (count_kind (lines, PB_DIFF_LINE_REMOVED), ==, 20);
  g_assert_cmpuint (count_kind (lines, PB_DIFF_LINE_ADDED), ==, 20);
  g_assert_cmpstr (new_side, ==, few);
  g_clear_pointer (&lines, g_ptr_array_unref);

  lines = pb_diff_lines (old_text, other);
  g_assert_cmpuint (lines->len, ==, 40000);
  g_assert_cmpint (((PbDiffLine *) g_ptr_array_index (lines, 0))->kind, ==,
                   PB_DIFF_LINE_REMOVED);
  g_assert_cmpint (((PbDiffLine *) g_ptr_array_index (lines, 20000))->kind, ==,
                   PB_DIFF_LINE_ADDED);
  g_clear_pointer (&lines, g_ptr_array_unref);

  /* A third of the lines changed: too many for a line-by-line answer, still both sides. */
  lines = pb_diff_lines (old_text, many);
  g_clear_pointer (&new_side, g_free);
  new_side = side_of (lines, PB_DIFF_LINE_REMOVED);
  g_assert_cmpstr (new_side, ==, many);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/diff/lines/small", test_diff_lines_small);
  g_test_add_func ("/diff/lines/shortest", test_diff_lines_shortest);
  g_test_add_func ("/diff/lines/json", test_diff_lines_json);
  g_test_add_func ("/diff/lines/large", test_diff_lines_large);

  return g_test_run ();
}
