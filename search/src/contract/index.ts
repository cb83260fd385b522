export { searchIndexContract, type ContractSubject } from './search-contract.js';
