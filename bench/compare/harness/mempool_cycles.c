/*
 * DPDK's side of the mempool rows of bench/compare/run.sh: the same work as FastPath's MempoolBenchmarks, measured
 * in TSC cycles per object on the calling lcore.
 *   get+put    rte_mempool_get_bulk + rte_mempool_put_bulk through the lcore cache (cache size 512, 8191 objects);
 *   alloc+free rte_pktmbuf_alloc_bulk + rte_pktmbuf_free_bulk (which resets the metadata; cache 250, 8191 mbufs).
 * Each figure is the median over REPEATS timed runs of CALLS calls at bulk 1, 8 and 32, after a warm-up run.
 * Output: one line per figure, "mempool <get_put|alloc_free> bulk <N> <cycles per object>".
 * Build: cc -O3 $(pkg-config --cflags libdpdk) mempool_cycles.c $(pkg-config --libs libdpdk)
 * Run:   ./mempool_cycles -l 1 --in-memory --no-pci   (2 MiB hugepages reserved, as for FastPath)
 */
#include <stdio.h>
#include <stdlib.h>
#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>

#define CALLS 1000
#define REPEATS 201
#define POOL_OBJECTS 8191
#define MAX_BULK 32

static int compare_cycles(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double median(double *samples, int count)
{
	qsort(samples, count, sizeof(samples[0]), compare_cycles);
	return samples[count / 2];
}

static double get_put_once(struct rte_mempool *pool, void **objects, unsigned int bulk)
{
	uint64_t start = rte_rdtsc_precise();
	for (int i = 0; i < CALLS; i++) {
		if (rte_mempool_get_bulk(pool, objects, bulk) != 0)
			rte_exit(EXIT_FAILURE, "rte_mempool_get_bulk failed: the pool is exhausted\n");
		rte_mempool_put_bulk(pool, objects, bulk);
	}
	return (double)(rte_rdtsc_precise() - start) / ((double)CALLS * bulk);
}

static double alloc_free_once(struct rte_mempool *pool, struct rte_mbuf **mbufs, unsigned int bulk)
{
	uint64_t start = rte_rdtsc_precise();
	for (int i = 0; i < CALLS; i++) {
		if (rte_pktmbuf_alloc_bulk(pool, mbufs, bulk) != 0)
			rte_exit(EXIT_FAILURE, "rte_pktmbuf_alloc_bulk failed: the pool is exhausted\n");
		rte_pktmbuf_free_bulk(mbufs, bulk);
	}
	return (double)(rte_rdtsc_precise() - start) / ((double)CALLS * bulk);
}

int main(int argc, char **argv)
{
	static const unsigned int bulks[] = { 1, 8, 32 };
	double samples[REPEATS];
	void *objects[MAX_BULK];
	struct rte_mbuf *mbufs[MAX_BULK];

	if (rte_eal_init(argc, argv) < 0)
		rte_exit(EXIT_FAILURE, "rte_eal_init failed: reserve 2 MiB hugepages (echo 256 > /proc/sys/vm/nr_hugepages)\n");

	struct rte_mempool *pool = rte_mempool_create("cycles_pool", POOL_OBJECTS, RTE_MBUF_DEFAULT_BUF_SIZE, 512, 0,
						      NULL, NULL, NULL, NULL, rte_socket_id(), 0);
	struct rte_mempool *mbuf_pool = rte_pktmbuf_pool_create("cycles_mbufs", POOL_OBJECTS, 250, 0,
								RTE_MBUF_DEFAULT_BUF_SIZE, rte_socket_id());
	if (pool == NULL || mbuf_pool == NULL)
		rte_exit(EXIT_FAILURE, "creating the pools failed: %s\n", rte_strerror(rte_errno));

	for (unsigned int b = 0; b < sizeof(bulks) / sizeof(bulks[0]); b++) {
		get_put_once(pool, objects, bulks[b]);
		for (int r = 0; r < REPEATS; r++)
			samples[r] = get_put_once(pool, objects, bulks[b]);
		printf("mempool get_put bulk %u %.2f\n", bulks[b], median(samples, REPEATS));
	}

	for (unsigned int b = 0; b < sizeof(bulks) / sizeof(bulks[0]); b++) {
		alloc_free_once(mbuf_pool, mbufs, bulks[b]);
		for (int r = 0; r < REPEATS; r++)
			samples[r] = alloc_free_once(mbuf_pool, mbufs, bulks[b]);
		printf("mempool alloc_free bulk %u %.2f\n", bulks[b], median(samples, REPEATS));
	}

	rte_mempool_free(mbuf_pool);
	rte_mempool_free(pool);
	rte_eal_cleanup();
	return 0;
}
