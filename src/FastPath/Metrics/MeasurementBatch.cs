using System.Collections;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.ObjectPool;

namespace FastPath.Metrics;

/// <summary>
/// The measurements one observable callback returns, from a pool: the instrument enumerates the batch once with
/// <c>foreach</c>, and the enumerator's <see cref="Dispose"/> (which <c>foreach</c> calls) empties the batch and
/// returns it to its pool. A collection therefore allocates neither a list nor an enumerator; concurrent collections
/// by several listeners each rent their own batch.
/// </summary>
internal sealed class MeasurementBatch<T> : IEnumerable<Measurement<T>>, IEnumerator<Measurement<T>>
    where T : struct
{
    private Measurement<T>[] _items = new Measurement<T>[8];
    private int _count;
    private int _index = -1;
    private ObjectPool<MeasurementBatch<T>>? _home;

    /// <summary>Takes a batch from <paramref name="pool"/>; it goes back when its enumeration ends.</summary>
    public static MeasurementBatch<T> Rent(ObjectPool<MeasurementBatch<T>> pool)
    {
        MeasurementBatch<T> batch = pool.Get();
        batch._home = pool;
        return batch;
    }

    /// <summary>How many measurements the batch holds.</summary>
    public int Count => _count;

    public Measurement<T> Current => _items[_index];

    object IEnumerator.Current => Current;

    /// <summary>Appends a measurement; the buffer grows (once) when a port gains queues.</summary>
    public void Add(Measurement<T> measurement)
    {
        if (_count == _items.Length)
        {
            Array.Resize(ref _items, _count * 2);
        }

        _items[_count++] = measurement;
    }

    public IEnumerator<Measurement<T>> GetEnumerator()
    {
        _index = -1;
        return this;
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool MoveNext() => ++_index < _count;

    public void Reset() => _index = -1;

    /// <summary>Ends the enumeration: empties the batch and returns it to its pool.</summary>
    public void Dispose()
    {
        Array.Clear(_items, 0, _count);
        _count = 0;
        _index = -1;
        ObjectPool<MeasurementBatch<T>>? home = _home;
        _home = null;
        home?.Return(this);
    }

    /// <summary>Creates batches and takes back only emptied ones.</summary>
    internal sealed class Policy : PooledObjectPolicy<MeasurementBatch<T>>
    {
        public override MeasurementBatch<T> Create() => new();

        public override bool Return(MeasurementBatch<T> obj) => obj._count == 0;
    }
}
