namespace TalentFlow.ML.Tfidf;

/// <summary>
/// NumPy 1.24's default <c>argsort</c> (introsort: median-of-3 quicksort, insertion sort below 16, heapsort past the depth
/// limit) for 64-bit integers. Not stable; ported so that ties in scikit-learn's <c>max_features</c> cut are broken exactly as
/// scikit-learn breaks them.
/// </summary>
internal static class NumPyArgSort
{
    private const int SmallQuicksort = 15;

    public static int[] ArgSort(ReadOnlySpan<long> v)
    {
        var num = v.Length;
        var tosort = new int[num];
        for (var i = 0; i < num; i++)
        {
            tosort[i] = i;
        }

        if (num < 2)
        {
            return tosort;
        }

        var stack = new Stack<(int Pl, int Pr, int Depth)>();
        int pl = 0, pr = num - 1;
        var cdepth = MostSignificantBit(num) * 2;
        while (true)
        {
            if (cdepth < 0)
            {
                HeapSort(v, tosort.AsSpan(pl, pr - pl + 1));
            }
            else
            {
                while (pr - pl > SmallQuicksort)
                {
                    var pm = pl + ((pr - pl) >> 1);
                    if (v[tosort[pm]] < v[tosort[pl]]) Swap(tosort, pm, pl);
                    if (v[tosort[pr]] < v[tosort[pm]]) Swap(tosort, pr, pm);
                    if (v[tosort[pm]] < v[tosort[pl]]) Swap(tosort, pm, pl);
                    var vp = v[tosort[pm]];
                    var pi = pl;
                    var pj = pr - 1;
                    Swap(tosort, pm, pj);
                    while (true)
                    {
                        do { ++pi; } while (v[tosort[pi]] < vp);
                        do { --pj; } while (vp < v[tosort[pj]]);
                        if (pi >= pj) break;
                        Swap(tosort, pi, pj);
                    }

                    Swap(tosort, pi, pr - 1);
                    --cdepth;
                    if (pi - pl < pr - pi)
                    {
                        stack.Push((pi + 1, pr, cdepth));
                        pr = pi - 1;
                    }
                    else
                    {
                        stack.Push((pl, pi - 1, cdepth));
                        pl = pi + 1;
                    }
                }

                for (var pi = pl + 1; pi <= pr; ++pi)
                {
                    var vi = tosort[pi];
                    var vp = v[vi];
                    var pj = pi;
                    while (pj > pl && vp < v[tosort[pj - 1]])
                    {
                        tosort[pj] = tosort[pj - 1];
                        pj--;
                    }

                    tosort[pj] = vi;
                }
            }

            if (stack.Count == 0)
            {
                return tosort;
            }

            (pl, pr, cdepth) = stack.Pop();
        }
    }

    private static void HeapSort(ReadOnlySpan<long> v, Span<int> tosort)
    {
        var n = tosort.Length;
        // One-based indexing as in NumPy's aheapsort: a[k] is tosort[k - 1].
        int i, j;
        for (var l = n >> 1; l > 0; --l)
        {
            var tmp = tosort[l - 1];
            for (i = l, j = l << 1; j <= n;)
            {
                if (j < n && v[tosort[j - 1]] < v[tosort[j]]) j++;
                if (v[tmp] < v[tosort[j - 1]]) { tosort[i - 1] = tosort[j - 1]; i = j; j += j; }
                else break;
            }

            tosort[i - 1] = tmp;
        }

        while (n > 1)
        {
            var tmp = tosort[n - 1];
            tosort[n - 1] = tosort[0];
            n--;
            for (i = 1, j = 2; j <= n;)
            {
                if (j < n && v[tosort[j - 1]] < v[tosort[j]]) j++;
                if (v[tmp] < v[tosort[j - 1]]) { tosort[i - 1] = tosort[j - 1]; i = j; j += j; }
                else break;
            }

            tosort[i - 1] = tmp;
        }
    }

    private static int MostSignificantBit(int n)
    {
        var depth = 0;
        while ((n >>= 1) != 0) depth++;
        return depth;
    }

    private static void Swap(int[] a, int i, int j) => (a[i], a[j]) = (a[j], a[i]);
}
