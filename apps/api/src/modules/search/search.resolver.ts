import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { Requires } from '../auth/requires.decorator.js';
import { SearchFilterInput, SearchResults } from './models/search.model.js';
import { SearchService } from './search.service.js';

@Resolver()
export class SearchResolver {
  constructor(private readonly search: SearchService) {}

  @Query(() => SearchResults, {
    name: 'search',
    description:
      'Faceted, typo-tolerant search over tables, views, columns, pipelines, dashboards, tags, ' +
      'users, teams and glossary terms.',
  })
  @Requires('catalog.read')
  searchCatalog(
    @Args('query', { defaultValue: '' }) query: string,
    @Args('types', { type: () => [String], defaultValue: [] }) types: string[],
    @Args('filters', { type: () => [SearchFilterInput], defaultValue: [] })
    filters: SearchFilterInput[],
    @Args('sort', { defaultValue: 'relevance', description: 'relevance, name or updated' })
    sort: string,
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<SearchResults> {
    return this.search.search({ query, types, filters, sort, first, after });
  }
}
